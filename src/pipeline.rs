//! Reader thread → rayon batches → ordered writer, joined by bounded channels.
//!
//! The reader fills batches of records (buffers are recycled, so steady state
//! allocates nothing for records); each batch is mapped, validated and
//! serialized by one rayon task; the writer puts finished batches back in
//! input order. At most `in_flight` batches exist at once, so memory stays
//! flat whatever the input size. Output is byte-identical whatever `--jobs`
//! and `--chunk-size` are.

use std::collections::BTreeMap;
use std::io::{self, Read};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, sync_channel, Sender};

use crate::dedupe::{self, Key, KeyField, Seen};
use crate::mapping::{Field, Plan};
use crate::output::RowFormat;
use crate::records::{Record, RecordReader};
use crate::report::{CodeTally, Counts, Live};
use crate::validate::{Checked, Reasons, RowError, Validator};

/// Performance knobs.
#[derive(Clone, Copy, Debug)]
pub struct PipelineConfig {
    /// Worker threads for mapping and validation.
    pub jobs: usize,
    /// Records per batch.
    pub batch_size: usize,
}

impl Default for PipelineConfig {
    fn default() -> Self {
        PipelineConfig {
            jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
            batch_size: 1024,
        }
    }
}

/// Where finished rows go, in input order. Implemented over `output`'s writers.
///
/// Valid rows and preformatted rejects arrive in runs of consecutive rows,
/// one call a run, so the ordered writer (the pipeline's one sequential
/// stage) does not pay a call and a copy per row.
pub trait Sink: Send {
    /// The JSONL lines (each ending in `\n`) of consecutive valid rows.
    fn valid_lines(&mut self, jsonl: &[u8]) -> crate::Result<()>;
    /// The warnings of one valid row (never called with none).
    fn warnings(&mut self, rec: &Record, warnings: &[RowError]) -> crate::Result<()>;
    /// One rejected record and all its reasons.
    fn reject(&mut self, rec: &Record, errors: &[RowError]) -> crate::Result<()>;

    /// How this sink formats rejected rows, if it wants workers to do it ahead
    /// of time (the ordered writer is the pipeline's one sequential stage).
    fn row_format(&self) -> Option<RowFormat> {
        None
    }

    /// Consecutive rejected rows, reasons included, already formatted with
    /// `row_format`. Their reasons were freed by the worker.
    fn rejects_formatted(&mut self, rows: &[u8]) -> crate::Result<()>;
}

/// How duplicates are handled.
#[derive(Clone, Debug, Default)]
pub enum Dedupe {
    /// Duplicate destinations (number, sipUri) pass and are counted as warnings.
    #[default]
    Warn,
    /// Later rows with the same key over these fields are rejected (`--dedupe`).
    Reject(Vec<KeyField>),
}

const WARN_KEY: [KeyField; 2] = [KeyField::Number, KeyField::SipUri];

impl Dedupe {
    fn fields(&self) -> &[KeyField] {
        match self {
            Dedupe::Warn => &WARN_KEY,
            Dedupe::Reject(fields) => fields,
        }
    }

    /// The key's columns as the file spells them (`Tel+E-Mail`), as every
    /// other reason names its column; a key field without a column (the
    /// `sipUri` of most files) is left out.
    fn names(&self, plan: &Plan) -> String {
        // `number` is the number and its extension (see `dedupe::key_of`).
        let columns: Vec<&str> = self
            .fields()
            .iter()
            .flat_map(|&k| {
                let extension = (k == KeyField::Number).then_some(Field::Extension);
                std::iter::once(k.field()).chain(extension)
            })
            .filter_map(|f| plan.column(f))
            .map(|c| plan.headers[c].as_str())
            .collect();
        if columns.is_empty() {
            // No key column at all: every key is empty, so no row is a duplicate.
            return self
                .fields()
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("+");
        }
        columns.join("+")
    }
}

/// Why a pipeline stopped early.
#[derive(Debug)]
pub enum Stop {
    /// Reading the input failed.
    Read(io::Error),
    /// A sink failed.
    Write(crate::Error),
    /// The cancel flag was raised.
    Cancelled,
}

/// Record bytes after which a batch ends, whatever `--chunk-size` says: with
/// the pool's fixed number of batches this bounds the rows in flight by
/// bytes, not only by count (1,024 rows of 1 MB cells held 4.6 GB).
/// Realistic customer rows (about 120 bytes) never reach it.
const BATCH_BYTES: usize = 1 << 20;

/// Bytes in flight for the whole run, at least (see `run`): with the pool's
/// 2 x jobs + 2 batches this binds only when rows are long or jobs many.
const RUN_BYTES: usize = 32 << 20;

/// What a record costs besides its bytes (its buffers' minimum sizes, the
/// JSON and outcome it makes), counted against the budgets, so a huge
/// `--chunk-size` of tiny rows is bounded too.
const RECORD_OVERHEAD: usize = 512;

/// Capacity a recycled record or output buffer keeps: one that grew past it
/// for an unusually long row is freed, so long rows leave no memory behind.
const KEEP_BYTES: usize = 16 << 10;

/// What a record read counts against the byte budgets: its bytes, a word
/// for each field's end (an export with thousands of empty columns is wide,
/// not long: 730 MB at --jobs 16 before this was counted), and the rest.
fn cost(rec: &Record) -> usize {
    rec.bytes().len() + rec.len() * std::mem::size_of::<usize>() + RECORD_OVERHEAD
}

/// Frees the buffers of a recycled batch that long rows made large.
fn shed(records: &mut [Record], spare: &mut Spare) {
    for rec in records.iter_mut() {
        rec.shed(KEEP_BYTES);
    }
    for buf in [&mut spare.jsonl, &mut spare.rows_csv] {
        if buf.capacity() > BATCH_BYTES + KEEP_BYTES {
            *buf = Vec::new();
        }
    }
}

/// Buffers that travel with a batch and come back for reuse. Their old
/// contents are cleared by the worker that takes them next, so the errors of
/// finished rows are freed in parallel, not on the ordered writer.
#[derive(Default)]
struct Spare {
    jsonl: Vec<u8>,
    rows_csv: Vec<u8>,
    outcomes: Vec<Outcome>,
    /// Reject codes of this batch's rows, counted by the worker.
    codes: CodeTally,
}

struct Batch {
    seq: u64,
    records: Vec<Record>,
    len: usize,
    spare: Spare,
    /// What the reader counted for it against the run's budget.
    bytes: usize,
}

enum Outcome {
    Blank,
    Valid {
        end: usize,
        key: Option<Key>,
        warnings: Vec<RowError>,
    },
    /// `end` is where this row's preformatted rejects-file row ends in `rows_csv`.
    Rejected {
        errors: Vec<RowError>,
        end: usize,
    },
}

fn process(
    validator: &Validator<'_>,
    key_fields: &[KeyField],
    format: Option<&RowFormat>,
    mut batch: Batch,
) -> Batch {
    let spare = &mut batch.spare;
    spare.jsonl.clear();
    spare.rows_csv.clear();
    spare.outcomes.clear();
    spare.codes.clear();
    // Each rejected row's reasons, reused from row to row.
    let mut errors = Reasons::default();
    for rec in &batch.records[..batch.len] {
        if rec.issue.is_none() && rec.is_blank() {
            spare.outcomes.push(Outcome::Blank);
            continue;
        }
        let mut checked = Checked::default();
        let outcome = if validator.check_into(rec, &mut errors, &mut checked) {
            checked.customer.write_jsonl(&mut spare.jsonl);
            Outcome::Valid {
                end: spare.jsonl.len(),
                key: dedupe::key_of(&checked.customer, key_fields),
                warnings: checked.warnings,
            }
        } else {
            spare.codes.add(rec.line, errors.as_slice());
            let errors = match format {
                Some(f) => {
                    f.row(&mut spare.rows_csv, rec, errors.as_slice());
                    // The row says it all; the buffers serve the next rejected row.
                    errors.clear();
                    Vec::new()
                }
                None => errors.take(),
            };
            Outcome::Rejected {
                errors,
                end: spare.rows_csv.len(),
            }
        };
        spare.outcomes.push(outcome);
    }
    batch
}

/// The ordered writer's state: counts and duplicate keys.
struct Writer<'d> {
    counts: Counts,
    seen: Seen,
    dedupe: &'d Dedupe,
    key_names: String,
    preformatted: bool,
    /// The current batch's duplicate keys, in order, for prefetching ahead.
    keys: Vec<Key>,
}

/// How many keys ahead of the one being checked the writer prefetches: enough
/// to keep the memory system busy, few enough to stay in L1 until checked.
const PREFETCH_AHEAD: usize = 16;

impl Writer<'_> {
    fn batch(&mut self, batch: &mut Batch, sink: &mut dyn Sink) -> crate::Result<()> {
        let spare = &mut batch.spare;
        self.counts.add_reject_codes(&spare.codes);
        // The key table is bigger than the caches: each check below first starts
        // the miss of the key `PREFETCH_AHEAD` places on, so the waits overlap
        // instead of coming one by one.
        self.keys.clear();
        self.keys
            .extend(spare.outcomes.iter().filter_map(|o| match o {
                Outcome::Valid { key, .. } => *key,
                _ => None,
            }));
        for k in self.keys.iter().take(PREFETCH_AHEAD) {
            self.seen.prefetch(*k);
        }
        let mut checked = 0;
        // Rows go out in runs: `*_run` is where the unwritten run starts,
        // `*_end` where the last row seen ends.
        let (mut json_run, mut json_end) = (0, 0);
        let (mut csv_run, mut csv_end) = (0, 0);
        for (rec, outcome) in batch.records.iter().zip(&mut spare.outcomes) {
            match outcome {
                Outcome::Blank => self.counts.blank_lines += 1,
                Outcome::Rejected { errors, end } => {
                    if !self.preformatted {
                        sink.reject(rec, errors)?;
                    }
                    csv_end = *end;
                    // Codes were tallied by the worker; see above.
                    self.counts.rows += 1;
                    self.counts.rejected += 1;
                }
                Outcome::Valid { end, key, warnings } => {
                    let start = std::mem::replace(&mut json_end, *end);
                    if key.is_some() {
                        if let Some(k) = self.keys.get(checked + PREFETCH_AHEAD) {
                            self.seen.prefetch(*k);
                        }
                        checked += 1;
                    }
                    if let Some(first) = key.and_then(|k| self.seen.check(k, rec.line)) {
                        let duplicate = self.duplicate(first);
                        if let Dedupe::Reject(_) = self.dedupe {
                            // This row leaves the JSONL run and joins the rejects,
                            // in order: write both runs up to here first.
                            write_run(&spare.jsonl[json_run..start], |b| sink.valid_lines(b))?;
                            json_run = json_end;
                            write_run(&spare.rows_csv[csv_run..csv_end], |b| {
                                sink.rejects_formatted(b)
                            })?;
                            csv_run = csv_end;
                            let errors = [duplicate];
                            sink.reject(rec, &errors)?;
                            self.counts.reject(rec.line, &errors);
                            continue;
                        }
                        warnings.push(duplicate);
                    }
                    if !warnings.is_empty() {
                        sink.warnings(rec, warnings)?;
                    }
                    self.counts.valid();
                    self.counts.warn(rec.line, warnings);
                }
            }
        }
        write_run(&spare.jsonl[json_run..json_end], |b| sink.valid_lines(b))?;
        write_run(&spare.rows_csv[csv_run..csv_end], |b| {
            sink.rejects_formatted(b)
        })
    }

    fn duplicate(&self, first: u64) -> RowError {
        let names = &self.key_names;
        RowError {
            field: names.clone(),
            code: "duplicate",
            message: match self.dedupe {
                Dedupe::Reject(_) => format!("same {names} as line {first}, which was kept"),
                Dedupe::Warn => {
                    format!("same {names} as line {first}; pass --dedupe number to reject repeats")
                }
            },
        }
    }
}

/// Hands a run of rows to `write`, unless it is empty.
fn write_run(run: &[u8], write: impl FnOnce(&[u8]) -> crate::Result<()>) -> crate::Result<()> {
    if run.is_empty() {
        Ok(())
    } else {
        write(run)
    }
}

/// Runs the pipeline over `reader` (positioned after the header) into `sink`.
///
/// Returns the counts, or why it stopped; `cancel` is polled between batches.
pub fn run<R: Read + Send>(
    mut reader: RecordReader<R>,
    validator: &Validator<'_>,
    sink: &mut dyn Sink,
    config: PipelineConfig,
    dedupe: &Dedupe,
    cancel: &AtomicBool,
    live: &Live,
) -> Result<Counts, Stop> {
    let jobs = config.jobs.max(1);
    let batch_size = config.batch_size.max(1);
    // A fixed pool of batches bounds memory and lets every record buffer be reused.
    let pool_size = jobs * 2 + 2;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("csv2dto-worker-{i}"))
        .build()
        .map_err(|e| Stop::Read(io::Error::other(e)))?;
    let format = sink.row_format();
    let preformatted = format.is_some();

    let (batch_tx, batch_rx) = sync_channel::<io::Result<Batch>>(jobs);
    let (done_tx, done_rx) = channel::<Batch>();
    let (recycle_tx, recycle_rx) = channel::<(Vec<Record>, Spare, usize)>();
    // Record bytes in flight (sent, not yet back) for the whole run: batches
    // are only created while under it, so many jobs do not multiply memory
    // by as many batches of long rows (2.3 GB at --jobs 256 before).
    let run_bytes = RUN_BYTES.max(jobs * (BATCH_BYTES / 2));

    std::thread::scope(|threads| {
        let named = |name: &str| std::thread::Builder::new().name(name.into());
        let reader_thread = named("csv2dto-reader").spawn_scoped(threads, move || {
            let mut seq = 0u64;
            let mut created = 0;
            let mut in_flight = 0usize;
            loop {
                if cancel.load(Ordering::Relaxed) {
                    return reader.blank_lines();
                }
                let (mut records, mut spare) = if created < pool_size && in_flight < run_bytes {
                    created += 1;
                    (Vec::new(), Spare::default())
                } else {
                    match recycle_rx.recv() {
                        Ok((records, spare, bytes)) => {
                            in_flight -= bytes;
                            (records, spare)
                        }
                        Err(_) => return reader.blank_lines(), // The writer stopped.
                    }
                };
                shed(&mut records, &mut spare);
                let (mut len, mut bytes, mut last) = (0, 0, false);
                // A batch ends at `batch_size` records or at the byte budget,
                // so memory stays flat however long the rows are.
                while len < batch_size && bytes < BATCH_BYTES {
                    // Slots are made as rows arrive: a batch cut short by the
                    // byte budget does not hold --chunk-size empty records.
                    if len == records.len() {
                        records.push(Record::default());
                    }
                    match reader.read(&mut records[len]) {
                        Ok(true) => {
                            bytes += cost(&records[len]);
                            len += 1;
                        }
                        Ok(false) => {
                            last = true;
                            break;
                        }
                        Err(e) => {
                            let _ = batch_tx.send(Err(e));
                            return reader.blank_lines();
                        }
                    }
                }
                if len == 0 {
                    return reader.blank_lines();
                }
                in_flight += bytes;
                let batch = Batch {
                    seq,
                    records,
                    len,
                    spare,
                    bytes,
                };
                if batch_tx.send(Ok(batch)).is_err() || last {
                    return reader.blank_lines();
                }
                seq += 1;
            }
        });

        let writer_thread =
            named("csv2dto-writer").spawn_scoped(threads, move || -> Result<Counts, Stop> {
                let mut writer = Writer {
                    counts: Counts::default(),
                    seen: match dedupe {
                        Dedupe::Warn => Seen::capped(dedupe::WARN_CAPACITY),
                        Dedupe::Reject(_) => Seen::unbounded(),
                    },
                    dedupe,
                    key_names: dedupe.names(validator.plan()),
                    preformatted,
                    keys: Vec::new(),
                };
                let mut pending: BTreeMap<u64, Batch> = BTreeMap::new();
                let mut next = 0u64;
                for done in done_rx {
                    pending.insert(done.seq, done);
                    while let Some(mut batch) = pending.remove(&next) {
                        writer.batch(&mut batch, sink).map_err(Stop::Write)?;
                        live.rows.store(writer.counts.rows, Ordering::Relaxed);
                        live.rejected
                            .store(writer.counts.rejected, Ordering::Relaxed);
                        let _ = recycle_tx.send((batch.records, batch.spare, batch.bytes));
                        next += 1;
                    }
                }
                writer.counts.duplicate_check_full = writer.seen.is_full();
                Ok(writer.counts)
            });

        let mut read_error = None;
        let key_fields = dedupe.fields();
        let format = format.as_ref();
        pool.in_place_scope(|scope| {
            for batch in batch_rx {
                let batch = match batch {
                    Ok(b) => b,
                    Err(e) => {
                        read_error = Some(e);
                        break;
                    }
                };
                let done_tx: Sender<Batch> = done_tx.clone();
                scope.spawn(move |_| {
                    let _ = done_tx.send(process(validator, key_fields, format, batch));
                });
            }
        });
        drop(done_tx);
        let written = writer_thread
            .map_err(Stop::Read)?
            .join()
            .expect("writer thread panicked");
        let blank_lines = reader_thread
            .map_err(Stop::Read)?
            .join()
            .expect("reader thread panicked");
        if let Some(e) = read_error {
            return Err(Stop::Read(e));
        }
        let mut counts = written?;
        if cancel.load(Ordering::Relaxed) {
            return Err(Stop::Cancelled);
        }
        counts.blank_lines += blank_lines;
        Ok(counts)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapping::{MappingOptions, Plan};
    use crate::phone::PhoneCheck;
    use crate::validate::ValidateOptions;

    #[derive(Default)]
    struct Collect {
        jsonl: Vec<u8>,
        rejects: Vec<u64>,
    }

    impl Sink for Collect {
        fn valid_lines(&mut self, json: &[u8]) -> crate::Result<()> {
            self.jsonl.extend_from_slice(json);
            Ok(())
        }
        fn warnings(&mut self, _: &Record, _: &[RowError]) -> crate::Result<()> {
            Ok(())
        }
        fn reject(&mut self, rec: &Record, _: &[RowError]) -> crate::Result<()> {
            self.rejects.push(rec.line);
            Ok(())
        }
        fn rejects_formatted(&mut self, _: &[u8]) -> crate::Result<()> {
            unreachable!("Collect has no row format")
        }
    }

    fn convert(data: &str, config: PipelineConfig) -> (Collect, Counts) {
        let mut reader = RecordReader::new(data.as_bytes(), b',', 1 << 20);
        let mut header = Record::default();
        assert!(reader.read(&mut header).unwrap());
        let names: Vec<String> = header
            .iter()
            .map(|f| String::from_utf8_lossy(f).into_owned())
            .collect();
        let plan = Plan::build(&names, &MappingOptions::default()).unwrap();
        let opts = ValidateOptions {
            phone_check: PhoneCheck::Format,
            ..ValidateOptions::default()
        };
        let validator = Validator::new(&plan, &opts);
        let mut sink = Collect::default();
        let counts = run(
            reader,
            &validator,
            &mut sink,
            config,
            &Dedupe::Warn,
            &AtomicBool::new(false),
            &Live::default(),
        )
        .unwrap();
        (sink, counts)
    }

    /// A sink like the file sink: rejects are preformatted by the workers and
    /// arrive in runs, except duplicates, which the writer formats itself.
    struct Files {
        format: RowFormat,
        jsonl: Vec<u8>,
        rejects: Vec<u8>,
        runs: usize,
    }

    impl Sink for Files {
        fn valid_lines(&mut self, json: &[u8]) -> crate::Result<()> {
            self.jsonl.extend_from_slice(json);
            self.runs += 1;
            Ok(())
        }
        fn warnings(&mut self, _: &Record, _: &[RowError]) -> crate::Result<()> {
            Ok(())
        }
        fn reject(&mut self, rec: &Record, errors: &[RowError]) -> crate::Result<()> {
            self.format.row(&mut self.rejects, rec, errors);
            Ok(())
        }
        fn row_format(&self) -> Option<RowFormat> {
            Some(self.format.clone())
        }
        fn rejects_formatted(&mut self, rows: &[u8]) -> crate::Result<()> {
            self.rejects.extend_from_slice(rows);
            self.runs += 1;
            Ok(())
        }
    }

    #[test]
    fn wide_rows_of_empty_fields_cost_their_field_ends() {
        let wide = Record::from_fields(2, vec![""; 16_384]);
        assert!(cost(&wide) >= 16_384 * std::mem::size_of::<usize>());
        let plain = Record::from_fields(2, ["+14155550100", "Ann"]);
        assert!(cost(&plain) < 1024, "ordinary rows batch as before");
    }

    #[test]
    fn runs_keep_input_order_when_duplicates_are_rejected() {
        let mut data = String::from("number,name\n");
        for i in 0..600 {
            match i % 5 {
                0 => data += &format!("bad{i},x\n"),
                1 => data += "+14155550100,dup\n",
                _ => data += &format!("+1415555{:04},n{i}\n", i),
            }
        }
        let mut reader = RecordReader::new(data.as_bytes(), b',', 1 << 20);
        let mut header = Record::default();
        assert!(reader.read(&mut header).unwrap());
        let plan = Plan::build(
            &["number".into(), "name".into()],
            &MappingOptions::default(),
        )
        .unwrap();
        let opts = ValidateOptions {
            phone_check: PhoneCheck::Format,
            ..ValidateOptions::default()
        };
        let validator = Validator::new(&plan, &opts);
        let mut sink = Files {
            format: RowFormat::new(&[0, 1], 2, false),
            jsonl: Vec::new(),
            rejects: Vec::new(),
            runs: 0,
        };
        let counts = run(
            reader,
            &validator,
            &mut sink,
            PipelineConfig {
                jobs: 2,
                batch_size: 64,
            },
            &Dedupe::Reject(vec![KeyField::Number]),
            &AtomicBool::new(false),
            &Live::default(),
        )
        .unwrap();
        let lines: Vec<u64> = String::from_utf8(sink.rejects)
            .unwrap()
            .lines()
            .map(|row| row.split(',').next().unwrap().parse().unwrap())
            .collect();
        // Every bad row and every repeat of the duplicate number but its first, in input order.
        let expected: Vec<u64> = (0..600u64)
            .filter(|i| i % 5 == 0 || (i % 5 == 1 && *i > 1))
            .map(|i| i + 2)
            .collect();
        assert_eq!(lines, expected);
        assert_eq!(counts.rejected as usize, expected.len());
        assert_eq!(
            sink.jsonl.iter().filter(|&&b| b == b'\n').count(),
            600 - expected.len()
        );
        // Far fewer calls than rows: runs, broken only around each duplicate.
        assert!(sink.runs < 600, "{} runs", sink.runs);
    }

    fn sample(rows: usize) -> String {
        let mut s = String::from("number,name\n");
        for i in 0..rows {
            if i % 7 == 3 {
                s += &format!("bad{i},x\n");
            } else if i % 11 == 5 {
                s += "\n";
            } else {
                s += &format!("+1415555{:04},n{i}\n", i % 10_000);
            }
        }
        s
    }

    #[test]
    fn output_is_identical_whatever_jobs_and_batch_size() {
        let data = sample(5000);
        let (base, base_counts) = convert(
            &data,
            PipelineConfig {
                jobs: 1,
                batch_size: 4096,
            },
        );
        assert!(base_counts.rejected > 0 && base_counts.blank_lines > 0);
        for (jobs, batch_size) in [(2, 1), (2, 7), (4, 100), (8, 33)] {
            let (got, counts) = convert(&data, PipelineConfig { jobs, batch_size });
            assert_eq!(got.jsonl, base.jsonl, "jobs {jobs} batch {batch_size}");
            assert_eq!(got.rejects, base.rejects);
            assert_eq!(counts, base_counts);
        }
    }

    #[test]
    fn every_row_is_counted_once() {
        let (sink, counts) = convert(
            &sample(1000),
            PipelineConfig {
                jobs: 2,
                batch_size: 10,
            },
        );
        assert_eq!(counts.rows, counts.valid + counts.rejected);
        assert_eq!(
            counts.valid as usize,
            sink.jsonl.iter().filter(|&&b| b == b'\n').count()
        );
        assert_eq!(counts.rejected as usize, sink.rejects.len());
        assert_eq!(counts.rows + counts.blank_lines, 1000);
    }

    #[test]
    fn cancel_stops_the_run() {
        let data = sample(100);
        let mut reader = RecordReader::new(data.as_bytes(), b',', 1 << 20);
        let mut header = Record::default();
        reader.read(&mut header).unwrap();
        let plan = Plan::build(
            &["number".into(), "name".into()],
            &MappingOptions::default(),
        )
        .unwrap();
        let opts = ValidateOptions::default();
        let validator = Validator::new(&plan, &opts);
        let mut sink = Collect::default();
        let res = run(
            reader,
            &validator,
            &mut sink,
            PipelineConfig::default(),
            &Dedupe::Warn,
            &AtomicBool::new(true),
            &Live::default(),
        );
        assert!(matches!(res, Err(Stop::Cancelled)));
    }
}

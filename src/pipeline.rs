//! `--jobs` peer workers on a rayon pool, each reading a batch, checking it
//! and handing it to the ordered writer.
//!
//! A worker takes the input's next batch of records under the reader's lock
//! (buffers are recycled, so steady state allocates nothing for records),
//! maps, validates and serializes it on its own, then queues it for the
//! writer; whichever worker finds the writer free writes every batch now
//! due, in input order. So a batch is read, checked and written on one core,
//! and with `--jobs 1` the whole run is one thread (the calling one). A fixed
//! pool of batches bounds what is in flight, so memory stays flat whatever
//! the input size. Output is byte-identical whatever `--jobs` and
//! `--chunk-size` are.
//!
//! This replaced a reader thread and a writer thread beside the workers: on
//! two cores, `--jobs 1` kept 1.5 cores busy, and batches crossed cores twice.

use std::collections::BTreeMap;
use std::io::{self, Read};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

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
/// one call a run, so the ordered writer (one worker at a time, in input
/// order) does not pay a call and a copy per row.
pub trait Sink: Send {
    /// The JSONL lines (each ending in `\n`) of consecutive valid rows.
    fn valid_lines(&mut self, jsonl: &[u8]) -> crate::Result<()>;
    /// The warnings of one valid row (never called with none).
    fn warnings(&mut self, rec: &Record, warnings: &[RowError]) -> crate::Result<()>;
    /// One rejected record and all its reasons.
    fn reject(&mut self, rec: &Record, errors: &[RowError]) -> crate::Result<()>;

    /// How this sink formats rejected rows, if it wants workers to do it ahead
    /// of time, in parallel (the ordered writer runs one batch at a time).
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

impl<'d> Writer<'d> {
    fn new(dedupe: &'d Dedupe, plan: &Plan, preformatted: bool) -> Self {
        Writer {
            counts: Counts::default(),
            seen: match dedupe {
                Dedupe::Warn => Seen::capped(dedupe::WARN_CAPACITY),
                Dedupe::Reject(_) => Seen::unbounded(),
            },
            dedupe,
            key_names: dedupe.names(plan),
            preformatted,
            keys: Vec::new(),
        }
    }

    /// The counts of everything written.
    fn finish(mut self) -> Counts {
        self.counts.duplicate_check_full = self.seen.is_full();
        self.counts
    }

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

/// How many records `fill` read, what they cost, and whether the input ended.
struct Filled {
    len: usize,
    bytes: usize,
    last: bool,
}

/// Reads the next batch into `records`: it ends at `batch_size` records or
/// at the byte budget, so memory stays flat however long the rows are.
fn fill<R: Read>(
    reader: &mut RecordReader<R>,
    records: &mut Vec<Record>,
    batch_size: usize,
) -> io::Result<Filled> {
    let (mut len, mut bytes) = (0, 0);
    while len < batch_size && bytes < BATCH_BYTES {
        // Slots are made as rows arrive: a batch cut short by the byte
        // budget does not hold --chunk-size empty records.
        if len == records.len() {
            records.push(Record::default());
        }
        if !reader.read(&mut records[len])? {
            return Ok(Filled {
                len,
                bytes,
                last: true,
            });
        }
        bytes += cost(&records[len]);
        len += 1;
    }
    Ok(Filled {
        len,
        bytes,
        last: false,
    })
}

/// Where the workers take their next batch: the input and the recycled
/// batches, under one lock, so reading (the one sequential step before the
/// checks) happens one batch at a time, in order.
struct Source<R> {
    reader: RecordReader<R>,
    /// The next batch's sequence number.
    seq: u64,
    /// Batches made so far; at most `pool_size`.
    created: usize,
    /// The input ended, failed, or the run stopped: no batch is handed out.
    done: bool,
}

/// Batches back from the writer, ready for reuse, and the record bytes still
/// in flight. Kept apart from `Source` so a worker writing never waits for
/// one reading.
#[derive(Default)]
struct Pool {
    free: Vec<(Vec<Record>, Spare)>,
    in_flight: usize,
}

/// The ordered writer's side: the writer and the sink.
struct Out<'a> {
    writer: Writer<'a>,
    sink: &'a mut dyn Sink,
}

/// What every worker shares.
struct Shared<'a, R> {
    source: Mutex<Source<R>>,
    pool: Mutex<Pool>,
    /// Signalled when a batch returns to `pool` or the run stops.
    returned: Condvar,
    /// Finished batches waiting for those before them.
    pending: Mutex<BTreeMap<u64, Batch>>,
    out: Mutex<Out<'a>>,
    /// The sequence number of the next batch to write.
    next: AtomicU64,
    /// A worker failed: the others stop taking batches.
    failed: AtomicBool,
    read_error: Mutex<Option<io::Error>>,
    write_error: Mutex<Option<crate::Error>>,
    validator: &'a Validator<'a>,
    key_fields: &'a [KeyField],
    format: Option<RowFormat>,
    batch_size: usize,
    pool_size: usize,
    run_bytes: usize,
    cancel: &'a AtomicBool,
    live: &'a Live,
}

impl<R: Read> Shared<'_, R> {
    /// One worker: takes the next batch of the input, checks it, and hands it
    /// to the ordered writer, until the input ends or the run stops. Every
    /// worker is the same, so with `--jobs N` the run keeps N threads busy and
    /// a batch is read, checked and written on one core.
    fn work(&self) {
        // A worker that panics takes a batch with it; the others must not
        // wait for it forever, so the panic reaches the caller.
        let _stop = StopOnPanic(&self.failed, &self.pool, &self.returned);
        while let Some(batch) = self.take() {
            let batch = process(self.validator, self.key_fields, self.format.as_ref(), batch);
            self.deliver(batch);
        }
    }

    /// Reads the next batch into a free one, or `None` when there is no more.
    fn take(&self) -> Option<Batch> {
        let mut source = lock(&self.source);
        let (mut records, mut spare) = loop {
            // `failed` is read under the pool's lock, which `stop` takes to
            // wake waiters: read before it, a stop in between would be missed
            // and this worker would wait for a batch that never comes back.
            let mut pool = lock(&self.pool);
            if source.done || self.failed.load(Ordering::Relaxed) {
                return None;
            }
            if self.cancel.load(Ordering::Relaxed) {
                source.done = true;
                return None;
            }
            if let Some(free) = pool.free.pop() {
                break free;
            }
            if source.created < self.pool_size && pool.in_flight < self.run_bytes {
                source.created += 1;
                break (Vec::new(), Spare::default());
            }
            // Every batch is out: wait for the writer to return one.
            drop(self.returned.wait(pool));
        };
        shed(&mut records, &mut spare);
        let filled = match fill(&mut source.reader, &mut records, self.batch_size) {
            Ok(filled) => filled,
            Err(e) => {
                source.done = true;
                *lock(&self.read_error) = Some(e);
                self.stop();
                return None;
            }
        };
        source.done = filled.last;
        if filled.len == 0 {
            lock(&self.pool).free.push((records, spare));
            return None;
        }
        lock(&self.pool).in_flight += filled.bytes;
        let seq = source.seq;
        source.seq += 1;
        Some(Batch {
            seq,
            records,
            len: filled.len,
            spare,
            bytes: filled.bytes,
        })
    }

    /// Queues a finished batch and writes every batch now due, unless another
    /// worker is writing: that one writes this batch too, so no worker waits
    /// for another's turn.
    fn deliver(&self, batch: Batch) {
        lock(&self.pending).insert(batch.seq, batch);
        loop {
            let Ok(mut guard) = self.out.try_lock() else {
                return;
            };
            let out = &mut *guard;
            loop {
                let next = self.next.load(Ordering::Relaxed);
                let Some(mut batch) = lock(&self.pending).remove(&next) else {
                    break;
                };
                if let Err(e) = out.writer.batch(&mut batch, out.sink) {
                    *lock(&self.write_error) = Some(e);
                    self.stop();
                    return;
                }
                let counts = &out.writer.counts;
                self.live.rows.store(counts.rows, Ordering::Relaxed);
                self.live.rejected.store(counts.rejected, Ordering::Relaxed);
                self.next.store(next + 1, Ordering::Relaxed);
                let mut pool = lock(&self.pool);
                pool.in_flight -= batch.bytes;
                pool.free.push((batch.records, batch.spare));
                self.returned.notify_one();
            }
            drop(guard);
            // A batch queued while this worker still held the writer found it
            // busy and left: write it now, or whoever holds it next will.
            let next = self.next.load(Ordering::Relaxed);
            if !lock(&self.pending).contains_key(&next) {
                return;
            }
        }
    }

    /// Stops every worker after a failure, waking any waiting for a batch.
    fn stop(&self) {
        stop(&self.failed, &self.pool, &self.returned);
    }
}

fn stop(failed: &AtomicBool, pool: &Mutex<Pool>, returned: &Condvar) {
    failed.store(true, Ordering::Relaxed);
    let _pool = lock(pool);
    returned.notify_all();
}

/// Stops the run if dropped while its worker is panicking.
struct StopOnPanic<'a>(&'a AtomicBool, &'a Mutex<Pool>, &'a Condvar);

impl Drop for StopOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            stop(self.0, self.1, self.2);
        }
    }
}

/// Locks `m`; a worker that panicked holding it has already failed the run
/// (the panic is re-raised when the workers are joined), so its data is
/// used as it is.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Runs the pipeline over `reader` (positioned after the header) into `sink`.
///
/// Returns the counts, or why it stopped; `cancel` is polled between batches.
/// `--jobs 1` runs on the calling thread, so it uses one core.
pub fn run<R: Read + Send>(
    reader: RecordReader<R>,
    validator: &Validator<'_>,
    sink: &mut dyn Sink,
    config: PipelineConfig,
    dedupe: &Dedupe,
    cancel: &AtomicBool,
    live: &Live,
) -> Result<Counts, Stop> {
    let jobs = config.jobs.max(1);
    let format = sink.row_format();
    let writer = Writer::new(dedupe, validator.plan(), format.is_some());
    let shared = Shared {
        source: Mutex::new(Source {
            reader,
            seq: 0,
            created: 0,
            done: false,
        }),
        pool: Mutex::new(Pool::default()),
        returned: Condvar::new(),
        pending: Mutex::new(BTreeMap::new()),
        out: Mutex::new(Out { writer, sink }),
        next: AtomicU64::new(0),
        failed: AtomicBool::new(false),
        read_error: Mutex::new(None),
        write_error: Mutex::new(None),
        validator,
        key_fields: dedupe.fields(),
        format,
        batch_size: config.batch_size.max(1),
        // A fixed pool of batches bounds memory and lets every record buffer
        // be reused: two a worker (one being checked, one waiting its turn
        // to be written) and two more.
        pool_size: jobs * 2 + 2,
        // Record bytes in flight for the whole run: batches are only created
        // while under it, so many jobs do not multiply memory by as many
        // batches of long rows (2.3 GB at --jobs 256 before).
        run_bytes: RUN_BYTES.max(jobs * (BATCH_BYTES / 2)),
        cancel,
        live,
    };
    if jobs == 1 {
        shared.work();
    } else {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .thread_name(|i| format!("csv2dto-worker-{i}"))
            .build()
            .map_err(|e| Stop::Read(io::Error::other(e)))?;
        pool.broadcast(|_| shared.work());
    }
    if let Some(e) = shared
        .read_error
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner)
    {
        return Err(Stop::Read(e));
    }
    if let Some(e) = shared
        .write_error
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner)
    {
        return Err(Stop::Write(e));
    }
    if cancel.load(Ordering::Relaxed) {
        return Err(Stop::Cancelled);
    }
    let source = shared
        .source
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner);
    let out = shared
        .out
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner);
    debug_assert_eq!(shared.next.into_inner(), source.seq, "every batch written");
    let mut counts = out.writer.finish();
    counts.blank_lines += source.reader.blank_lines();
    Ok(counts)
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

    /// A sink that notes which threads write, and fails or panics at its
    /// `n`th call if asked.
    #[derive(Default)]
    struct Probe {
        threads: std::collections::HashSet<std::thread::ThreadId>,
        calls: usize,
        fail_at: Option<usize>,
        panic_at: Option<usize>,
    }

    impl Probe {
        fn call(&mut self) -> crate::Result<()> {
            self.threads.insert(std::thread::current().id());
            self.calls += 1;
            if self.panic_at == Some(self.calls) {
                panic!("sink panics at call {}", self.calls);
            }
            if self.fail_at == Some(self.calls) {
                return Err(crate::Error::Output {
                    path: "out.jsonl".into(),
                    what: "JSONL output",
                    source: io::Error::other("disk full"),
                });
            }
            Ok(())
        }
    }

    impl Sink for Probe {
        fn valid_lines(&mut self, _: &[u8]) -> crate::Result<()> {
            self.call()
        }
        fn warnings(&mut self, _: &Record, _: &[RowError]) -> crate::Result<()> {
            self.call()
        }
        fn reject(&mut self, _: &Record, _: &[RowError]) -> crate::Result<()> {
            self.call()
        }
        fn rejects_formatted(&mut self, _: &[u8]) -> crate::Result<()> {
            self.call()
        }
    }

    /// Runs `data` (a `number,name` file) into `sink`.
    fn run_on(
        data: &str,
        sink: &mut dyn Sink,
        config: PipelineConfig,
        cancel: bool,
    ) -> Result<Counts, Stop> {
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
        run(
            reader,
            &validator,
            sink,
            config,
            &Dedupe::Warn,
            &AtomicBool::new(cancel),
            &Live::default(),
        )
    }

    #[test]
    fn one_job_runs_on_the_calling_thread() {
        let mut sink = Probe::default();
        let config = PipelineConfig {
            jobs: 1,
            batch_size: 10,
        };
        let counts = run_on(&sample(1000), &mut sink, config, false).unwrap();
        assert_eq!(counts.rows + counts.blank_lines, 1000);
        assert!(sink.calls > 100, "{} calls", sink.calls);
        let caller = std::thread::current().id();
        assert_eq!(sink.threads.into_iter().collect::<Vec<_>>(), [caller]);
    }

    #[test]
    fn every_batch_is_written_in_order_with_many_workers_and_tiny_batches() {
        let data = sample(3000);
        let one = PipelineConfig {
            jobs: 1,
            batch_size: 1,
        };
        let (base, base_counts) = convert(&data, one);
        for jobs in [2, 3, 16] {
            for _ in 0..5 {
                let config = PipelineConfig {
                    jobs,
                    batch_size: 1,
                };
                let (got, counts) = convert(&data, config);
                assert_eq!(got.jsonl, base.jsonl, "jobs {jobs}");
                assert_eq!(got.rejects, base.rejects, "jobs {jobs}");
                assert_eq!(counts, base_counts, "jobs {jobs}");
            }
        }
    }

    #[test]
    fn a_failing_sink_stops_every_worker() {
        for jobs in [1, 2, 8] {
            let mut sink = Probe {
                fail_at: Some(5),
                ..Probe::default()
            };
            let config = PipelineConfig {
                jobs,
                batch_size: 3,
            };
            let res = run_on(&sample(2000), &mut sink, config, false);
            assert!(matches!(res, Err(Stop::Write(_))), "jobs {jobs}");
            assert_eq!(sink.calls, 5, "nothing written after the failure");
        }
    }

    #[test]
    fn a_panicking_sink_fails_the_run_instead_of_hanging_it() {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let outcome = std::panic::catch_unwind(|| {
                let mut sink = Probe {
                    panic_at: Some(4),
                    ..Probe::default()
                };
                let config = PipelineConfig {
                    jobs: 4,
                    batch_size: 2,
                };
                run_on(&sample(2000), &mut sink, config, false).is_ok()
            });
            let _ = tx.send(outcome.is_err());
        });
        let panicked = rx
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("the run hung after a worker panicked");
        assert!(panicked, "the panic reaches the caller");
    }

    #[test]
    fn cancel_stops_the_run() {
        for jobs in [1, 2] {
            let config = PipelineConfig {
                jobs,
                ..PipelineConfig::default()
            };
            let res = run_on(&sample(100), &mut Collect::default(), config, true);
            assert!(matches!(res, Err(Stop::Cancelled)), "jobs {jobs}");
        }
    }
}

//! Every file csv2dto writes: atomically, or in place when it must be.
//!
//! A regular output file is written to a temporary file in its destination
//! folder and renamed over the final name only when the whole run succeeded,
//! so a failed or killed run never leaves a partial file under a final name.
//! Temporary names say what they are (`.NAME.csv2dto-tmp.PID.RANDOM`); a later
//! run in the same folder removes those whose process is gone. Outputs that
//! exist and are not regular files (devices, FIFOs, `/dev/stdout`) are
//! written in place: renaming over `/dev/full` as root would replace the
//! device itself. `-` means standard output.

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use flate2::write::GzEncoder;

use crate::error::{Error, Result};
use crate::records::{Cut, Record, RecordIssue};
use crate::validate::RowError;

const TMP_MARK: &str = ".csv2dto-tmp.";

/// This process's temporary files not yet renamed into place or removed, so a
/// forced exit (see `signals`) can remove them too.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn live() -> MutexGuard<'static, Vec<PathBuf>> {
    LIVE.lock().unwrap_or_else(|e| e.into_inner())
}

/// Renames a temporary into place under the registry's lock, so a forced exit
/// never removes a file halfway through being put in place.
fn put_in_place(tmp: &Path, dest: &Path) -> io::Result<()> {
    let mut live = live();
    fs::rename(tmp, dest)?;
    live.retain(|p| p != tmp);
    Ok(())
}

fn discard(tmp: &Path) {
    let mut live = live();
    let _ = fs::remove_file(tmp);
    live.retain(|p| p != tmp);
}

/// Removes every temporary file this process still has and keeps the registry
/// locked, so nothing is put in place afterwards: for exiting at once.
pub fn remove_live_temporaries() -> MutexGuard<'static, Vec<PathBuf>> {
    let mut live = live();
    for p in live.drain(..) {
        let _ = fs::remove_file(p);
    }
    live
}

/// Each output's write buffer.
const BUFFER: usize = 256 * 1024;
/// Runs at least this long skip the output buffer (see `OutputFile::write_run`):
/// a batch's rows usually are, and one copy fewer of every output byte is
/// worth a write call.
const DIRECT_RUN: usize = 32 * 1024;

/// Where an output goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dest {
    /// Standard output (`-`).
    Stdout,
    /// A path.
    Path(PathBuf),
}

impl Dest {
    /// Parses a command-line value (`-` is stdout).
    pub fn from_arg(s: &Path) -> Dest {
        if s.as_os_str() == "-" {
            Dest::Stdout
        } else {
            Dest::Path(s.to_path_buf())
        }
    }

    /// For messages and the summary.
    pub fn display(&self) -> String {
        match self {
            Dest::Stdout => "-".into(),
            Dest::Path(p) => p.display().to_string(),
        }
    }
}

enum Target {
    Stdout,
    InPlace,
    Temp { tmp: PathBuf, dest: PathBuf },
}

/// An output being written; nothing appears under the final name before `commit`.
pub struct OutputFile {
    what: &'static str,
    shown: PathBuf,
    target: Target,
    writer: Option<Encoder>,
}

type Plain = BufWriter<Box<dyn Write + Send>>;

/// Plain bytes, or gzip for a path ending in `.gz`.
enum Encoder {
    Plain(Plain),
    Gzip(GzEncoder<Plain>),
}

impl Encoder {
    fn new(path: Option<&Path>, inner: Box<dyn Write + Send>) -> Encoder {
        let plain = BufWriter::with_capacity(BUFFER, inner);
        match path {
            Some(p) if p.extension().is_some_and(|e| e == "gz") => {
                Encoder::Gzip(GzEncoder::new(plain, flate2::Compression::default()))
            }
            _ => Encoder::Plain(plain),
        }
    }

    fn as_write(&mut self) -> &mut dyn Write {
        match self {
            Encoder::Plain(w) => w,
            Encoder::Gzip(w) => w,
        }
    }

    /// Writes any trailer and flushes everything to the file.
    fn finish(self) -> io::Result<()> {
        let mut plain = match self {
            Encoder::Plain(w) => w,
            Encoder::Gzip(w) => w.finish()?,
        };
        plain.flush()
    }
}

impl OutputFile {
    /// Opens `dest` for writing `what` ("JSONL output", "rejects file", ...).
    pub fn create(dest: &Dest, what: &'static str) -> Result<OutputFile> {
        let to_stdout = match dest {
            Dest::Stdout => true,
            Dest::Path(p) => is_stdout_path(p),
        };
        let named = dest;
        // `-o /dev/stdout >> all.jsonl` appends, as `-o -` does.
        let dest = if to_stdout { &Dest::Stdout } else { dest };
        let path = match dest {
            _ if to_stdout && stdout_was_closed() => {
                return Err(Error::Output {
                    path: PathBuf::from(named.display()),
                    what,
                    source: io::Error::other(
                        "standard output is closed, so everything written there would be lost; \
                         write to a file instead, or start csv2dto with its output open",
                    ),
                });
            }
            Dest::Stdout => {
                return Ok(OutputFile {
                    what,
                    shown: PathBuf::from("-"),
                    target: Target::Stdout,
                    writer: Some(Encoder::new(None, Box::new(io::stdout()))),
                })
            }
            Dest::Path(p) => p,
        };
        let fail = |source| Error::Output {
            path: path.clone(),
            what,
            source,
        };
        if is_descriptor_path(path) {
            // `--summary-json /dev/stderr 2>> job.log`: replacing the file
            // behind the descriptor would lose the log's earlier lines.
            let file = descriptor(path).map_err(fail)?;
            return Ok(OutputFile {
                what,
                shown: path.clone(),
                target: Target::InPlace,
                writer: Some(Encoder::new(Some(path), Box::new(file))),
            });
        }
        // Follow a symlink to what it names: the link stays, its target is replaced.
        let resolved = match fs::symlink_metadata(path) {
            Ok(m) if m.file_type().is_symlink() => {
                fs::canonicalize(path).unwrap_or_else(|_| path.clone())
            }
            _ => path.clone(),
        };
        match fs::metadata(&resolved) {
            Ok(m) if !m.is_file() && !m.is_dir() => {
                let file = OpenOptions::new()
                    .write(true)
                    .open(&resolved)
                    .map_err(fail)?;
                return Ok(OutputFile {
                    what,
                    shown: path.clone(),
                    target: Target::InPlace,
                    writer: Some(Encoder::new(Some(path), Box::new(file))),
                });
            }
            Ok(m) if m.is_dir() => {
                return Err(fail(io::Error::new(
                    io::ErrorKind::IsADirectory,
                    "is a directory",
                )));
            }
            _ => {}
        }
        let dir = folder_of(&resolved);
        fs::create_dir_all(&dir).map_err(|e| {
            // `--out-dir x` where x is a file: "File exists (os error 17)" said nothing.
            if fs::metadata(&dir).is_ok_and(|m| !m.is_dir()) {
                fail(io::Error::other(format!(
                    "{} is a file, not a folder; name a folder, or move the file away",
                    dir.display()
                )))
            } else {
                fail(e)
            }
        })?;
        remove_stale_temporaries(&dir);
        let name = resolved
            .file_name()
            .map(OsString::from)
            .unwrap_or_else(|| "output".into());
        let mut prefix = OsString::from(".");
        prefix.push(&name);
        prefix.push(format!("{TMP_MARK}{}.", std::process::id()));
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix);
        #[cfg(unix)]
        {
            // Like any new file: 0666 less the umask, not tempfile's private 0600.
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(fs::Permissions::from_mode(0o666));
        }
        // Created under the registry's lock: a forced exit (see `signals`)
        // that removes the registered temporaries cannot miss one being made.
        let mut registry = live();
        let tmp = builder.tempfile_in(&dir).map_err(fail)?;
        let (file, tmp_path) = tmp.keep().map_err(|e| fail(e.error))?;
        // Held while the file is open: the mark of a live temporary that a
        // run in another PID namespace (a container sharing the folder)
        // cannot read off the PID. Where locks are unsupported, the PID alone.
        let _ = file.try_lock();
        registry.push(tmp_path.clone());
        drop(registry);
        Ok(OutputFile {
            what,
            shown: path.clone(),
            target: Target::Temp {
                tmp: tmp_path,
                dest: resolved,
            },
            writer: Some(Encoder::new(Some(path), Box::new(file))),
        })
    }

    /// The path as the user gave it.
    pub fn path(&self) -> &Path {
        &self.shown
    }

    /// The folder this output will be renamed into, for a `CommitLock`;
    /// None for one written in place.
    pub fn commit_dir(&self) -> Option<PathBuf> {
        match &self.target {
            Target::Temp { dest, .. } => Some(folder_of(dest)),
            _ => None,
        }
    }

    fn error(&self, source: io::Error) -> Error {
        Error::Output {
            path: self.shown.clone(),
            what: self.what,
            source,
        }
    }

    /// Finishes the encoding, flushes and syncs without putting the file in
    /// place: every way writing can fail (a full disk among them) shows up
    /// here, so a caller with several outputs finishes them all before
    /// committing any. Nothing can be written afterwards.
    pub fn finish(&mut self) -> Result<()> {
        let Some(writer) = self.writer.take() else {
            return Ok(());
        };
        if let Err(e) = writer.finish() {
            return Err(self.error(e));
        }
        if let Target::Temp { tmp, .. } = &self.target {
            if let Err(e) = File::open(tmp).and_then(|f| f.sync_all()) {
                return Err(self.error(e));
            }
        }
        Ok(())
    }

    /// Finishes (see `finish`) and moves the file to its final name.
    pub fn commit(mut self) -> Result<()> {
        self.finish()?;
        if let Target::Temp { tmp, dest } = &self.target {
            if let Err(e) = put_in_place(tmp, dest) {
                return Err(self.error(e));
            }
            self.target = Target::InPlace;
        }
        Ok(())
    }

    fn sink(&mut self) -> &mut dyn Write {
        self.writer
            .as_mut()
            .expect("written before commit")
            .as_write()
    }

    /// Writes bytes, naming this output in any error.
    pub fn write_bytes(&mut self, bytes: &[u8]) -> Result<()> {
        let res = self.sink().write_all(bytes);
        res.map_err(|e| self.error(e))
    }

    /// Writes a run of whole rows: like `write_bytes`, but a run of at least
    /// `DIRECT_RUN` bytes goes straight to the file after what is buffered,
    /// instead of being copied through the buffer first.
    pub fn write_run(&mut self, bytes: &[u8]) -> Result<()> {
        let res = match self.writer.as_mut().expect("written before commit") {
            Encoder::Plain(w) if bytes.len() >= DIRECT_RUN => {
                w.flush().and_then(|()| w.get_mut().write_all(bytes))
            }
            other => other.as_write().write_all(bytes),
        };
        res.map_err(|e| self.error(e))
    }
}

impl OutputFile {
    /// Flushes, syncs and closes the file without putting it in place yet:
    /// for outputs too many to keep open (batch files). `Closed::commit` renames it.
    pub fn close(mut self) -> Result<Closed> {
        let writer = self.writer.take().expect("an output is closed once");
        if let Err(e) = writer.finish() {
            return Err(self.error(e));
        }
        let target = std::mem::replace(&mut self.target, Target::InPlace);
        if let Target::Temp { tmp, .. } = &target {
            if let Err(e) = File::open(tmp).and_then(|f| f.sync_all()) {
                self.target = target;
                return Err(self.error(e));
            }
        }
        Ok(Closed {
            what: self.what,
            shown: self.shown.clone(),
            target,
        })
    }
}

/// A closed output waiting to be put in place; dropped uncommitted, it is removed.
pub struct Closed {
    what: &'static str,
    shown: PathBuf,
    target: Target,
}

impl Closed {
    /// Moves the file to its final name.
    pub fn commit(mut self) -> Result<()> {
        if let Target::Temp { tmp, dest } = &self.target {
            if let Err(source) = put_in_place(tmp, dest) {
                return Err(Error::Output {
                    path: self.shown.clone(),
                    what: self.what,
                    source,
                });
            }
        }
        self.target = Target::InPlace;
        Ok(())
    }
}

impl Drop for Closed {
    fn drop(&mut self) {
        if let Target::Temp { tmp, .. } = &self.target {
            discard(tmp);
        }
    }
}

impl Write for OutputFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.sink().write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.sink().flush()
    }
}

impl Drop for OutputFile {
    fn drop(&mut self) {
        if let Target::Temp { tmp, .. } = &self.target {
            self.writer.take();
            discard(tmp);
        }
    }
}

/// Locks on the folders a run renames its outputs into, held while it puts
/// them in place: two runs writing the same outputs (a nightly job and a
/// manual rerun) each put their whole set in place, one after the other,
/// never a mix of the two. Taken in one order (sorted), so two runs cannot
/// wait for each other; a folder that cannot be locked is not waited for.
pub struct CommitLock {
    /// Open folders, locked: dropping them releases the locks.
    _held: Vec<File>,
}

impl CommitLock {
    /// Locks `dirs`, waiting for another run's commit to end.
    pub fn acquire(dirs: impl IntoIterator<Item = PathBuf>) -> CommitLock {
        let mut dirs: Vec<PathBuf> = dirs
            .into_iter()
            .filter_map(|d| fs::canonicalize(d).ok())
            .collect();
        dirs.sort();
        dirs.dedup();
        CommitLock {
            _held: dirs
                .iter()
                .filter_map(|d| {
                    let f = File::open(d).ok()?;
                    f.lock().ok()?;
                    Some(f)
                })
                .collect(),
        }
    }
}

/// Folders this process has already cleaned: once is enough, and a scan per
/// output made writing thousands of batch files quadratic.
static CLEANED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Removes `.NAME.csv2dto-tmp.PID.*` files in `dir` whose process no longer
/// runs here and that no process holds locked (see `OutputFile::create`),
/// once per folder and process.
pub fn remove_stale_temporaries(dir: &Path) {
    {
        let mut cleaned = CLEANED.lock().unwrap_or_else(|e| e.into_inner());
        if cleaned.iter().any(|d| d == dir) {
            return;
        }
        cleaned.push(dir.to_path_buf());
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let me = std::process::id();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some((_, rest)) = name.split_once(TMP_MARK) else {
            continue;
        };
        let Some(pid) = rest.split('.').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        if pid != me && !process_alive(pid) && !locked(&entry.path()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Whether another open file holds `path` locked: a live run's temporary.
fn locked(path: &Path) -> bool {
    File::open(path).is_ok_and(|f| matches!(f.try_lock(), Err(fs::TryLockError::WouldBlock)))
}

fn process_alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new(&format!("/proc/{pid}")).exists()
    } else {
        // Without a cheap check, never remove another process's file.
        true
    }
}

/// Whether standard output cannot take what is written to it, while Rust's
/// stdout reports success: the process was started with it closed (the
/// runtime then opens /dev/null on it, read-write, where every write is
/// lost; a redirection `> /dev/null` is write-only and meant), or open
/// read-only (`1</dev/null`: writes fail with EBADF, which Rust's stdout
/// takes for success). Linux only (`/proc`); elsewhere, false.
pub fn stdout_was_closed() -> bool {
    // O_ACCMODE is 3: O_RDONLY 0, O_RDWR 2.
    fd_flags(1).is_some_and(|flags| flags & 3 == 0 || runtime_null(1, flags))
}

/// The open flags of descriptor `fd`, from `/proc` (Linux); None elsewhere.
fn fd_flags(fd: u32) -> Option<u32> {
    let info = fs::read_to_string(format!("/proc/self/fdinfo/{fd}")).ok()?;
    info.lines()
        .find_map(|l| l.strip_prefix("flags:"))
        .and_then(|f| u32::from_str_radix(f.trim(), 8).ok())
}

/// Whether descriptor `fd`, with these open flags, is the `/dev/null` the
/// Rust runtime opens (read-write) on a standard stream the process was
/// started without; a shell's `< /dev/null` or `> /dev/null` opens it one way.
fn runtime_null(fd: u32, flags: u32) -> bool {
    flags & 3 == 2
        && fs::read_link(format!("/proc/self/fd/{fd}")).is_ok_and(|t| t == Path::new("/dev/null"))
}

/// Whether the process was started with standard input closed (`<&-`): it
/// then reads as empty, which is not an empty file. Linux only; elsewhere, false.
pub fn stdin_was_closed() -> bool {
    fd_flags(0).is_some_and(|flags| runtime_null(0, flags))
}

/// The descriptor a path names: `/dev/stdout` 1, `/dev/stderr` 2,
/// `/dev/fd/N` and `/proc/self/fd/N` N; None for any other path.
fn descriptor_number(p: &Path) -> Option<i32> {
    match p.to_str()? {
        "/dev/stdout" => Some(1),
        "/dev/stderr" => Some(2),
        s => s
            .strip_prefix("/dev/fd/")
            .or_else(|| s.strip_prefix("/proc/self/fd/"))
            .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|n| n.parse().ok()),
    }
}

/// The folder `path` is in: its parent, or `.` for a bare file name.
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Paths that name standard output itself.
fn is_stdout_path(p: &Path) -> bool {
    descriptor_number(p) == Some(1)
}

/// The open descriptor a descriptor path names, shared: a duplicate keeps
/// the shell's offset and flags, so `--summary-json /dev/stderr 2> log`
/// writes after the messages already there, and the ones after it follow
/// (a new open of the path started at the file's end and was then written
/// over by stderr's own offset). Elsewhere than Unix, opened for appending.
fn descriptor(path: &Path) -> io::Result<File> {
    #[cfg(unix)]
    {
        let open =
            descriptor_number(path).filter(|&n| Path::new(&format!("/proc/self/fd/{n}")).exists());
        if let Some(n) = open {
            // SAFETY: descriptor `n` is open (checked just above) and is only
            // borrowed for the duplication.
            let fd = unsafe { std::os::fd::BorrowedFd::borrow_raw(n) };
            return fd.try_clone_to_owned().map(File::from);
        }
    }
    OpenOptions::new().append(true).open(path)
}

/// A path naming one of the process's open descriptors (`/dev/stderr`,
/// `/dev/fd/3`, `/proc/self/fd/2`): what the caller's shell set up, often a
/// log it appends to (`2>> job.log`). Written in place, in append mode, never
/// replaced by a new file; stdout's are the same as `-`.
pub fn is_descriptor_path(p: &Path) -> bool {
    descriptor_number(p).is_some()
}

/// True when two paths name the same file (through links, `./` and the like).
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(ma), Ok(mb)) = (fs::metadata(a), fs::metadata(b)) {
            return ma.dev() == mb.dev() && ma.ino() == mb.ino();
        }
    }
    match (absolute(a), absolute(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

fn absolute(p: &Path) -> Option<PathBuf> {
    if let Ok(c) = fs::canonicalize(p) {
        return Some(c);
    }
    let parent = match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    Some(fs::canonicalize(parent).ok()?.join(p.file_name()?))
}

/// How a rejects or warnings row is written: `_line`, the reasons, then the
/// record's fields as read (minus the `_line`/`_errors`/`_warnings` columns of
/// a fed-back file). Workers use it to format rows ahead of the ordered writer.
#[derive(Clone, Debug)]
pub struct RowFormat {
    control: Vec<bool>,
    excel_safe: bool,
    /// A fed-back rejects file written with `excel_safe`: its cells carry the
    /// guards of the earlier run, taken off before guarding again, so that
    /// every round writes a cell the same way (`''O'Brien`, not `'''O'Brien`).
    unguard: bool,
    /// Every column is written as read, unguarded: a line read as plain CSV
    /// can be copied whole.
    verbatim: bool,
}

impl RowFormat {
    /// Keeps the `kept` columns of a `width`-column header; guards formulas when `excel_safe`.
    pub fn new(kept: &[usize], width: usize, excel_safe: bool) -> RowFormat {
        let mut control = vec![true; width];
        for &i in kept {
            control[i] = false;
        }
        let fed_back = control.contains(&true);
        RowFormat {
            verbatim: !excel_safe && !fed_back,
            control,
            excel_safe,
            unguard: excel_safe && fed_back,
        }
    }

    /// Appends one CSV row for `rec` with all its `reasons` (`field:code: message`, ` | `-joined).
    pub fn row(&self, out: &mut Vec<u8>, rec: &Record, reasons: &[RowError]) {
        if let Some(RecordIssue::FieldTooLarge(cuts)) = &rec.issue {
            return self.row(out, &marked_cut(rec, cuts), reasons);
        }
        out.extend_from_slice(itoa::Buffer::new().format(rec.line).as_bytes());
        out.push(b',');
        reasons_field(out, reasons);
        if let Some(line) = rec.comma_line().filter(|_| self.verbatim) {
            out.push(b',');
            out.extend_from_slice(line);
            out.push(b'\n');
            return;
        }
        // A ragged row keeps the fields past the header's width too.
        for (i, field) in rec.iter().enumerate() {
            if self.control.get(i).copied().unwrap_or(false) {
                continue;
            }
            out.push(b',');
            let field = if self.unguard {
                strip_excel_guard(field)
            } else {
                field
            };
            if self.excel_safe && needs_excel_guard(field) {
                let start = out.len();
                out.push(b'\'');
                out.extend_from_slice(field);
                quote_in_place(out, start);
            } else {
                csv_field(out, field);
            }
        }
        out.push(b'\n');
    }
}

/// Appended to the cell a record lost bytes of (`field_too_large`): a person
/// sees the cell was cut, and the cell is over the limit again if the file
/// is fed back unfixed, so the cut value is rejected again, never passed on.
const CUT_MARK: &[u8] = "…".as_bytes();

/// `rec` with `CUT_MARK` after each cell the reader cut, and no other: once,
/// or twice where the cut backed off a 4-byte character so far that one mark
/// would leave the cell within the limit (and so valid when fed back).
#[cold]
fn marked_cut(rec: &Record, cuts: &[Cut]) -> Record {
    Record::from_fields(
        rec.line,
        rec.iter().enumerate().map(|(i, field)| {
            let mut cell = field.to_vec();
            if let Some(cut) = cuts.iter().find(|c| c.field == i) {
                cell.extend_from_slice(CUT_MARK);
                while cell.len() <= cut.limit {
                    cell.extend_from_slice(CUT_MARK);
                }
            }
            cell
        }),
    )
}

/// Whether a CSV field must be quoted: it holds a comma, quote, CR or LF.
fn needs_quotes(field: &[u8]) -> bool {
    // Fields here are short: set-up matters more than bytes per step.
    crate::swar::find_any(field, [b',', b'"', b'\n', b'\r']).is_some()
}

/// Quotes `out[start..]` as a CSV field if it must be, shifting it right in
/// place (no copy of the field elsewhere): quotes inside are doubled.
fn quote_in_place(out: &mut Vec<u8>, start: usize) {
    if !needs_quotes(&out[start..]) {
        return;
    }
    let inner = memchr::memchr_iter(b'"', &out[start..]).count();
    let (old_len, new_len) = (out.len(), out.len() + inner + 2);
    out.resize(new_len, 0);
    out[new_len - 1] = b'"';
    // Move the text right piece by piece, from the end, doubling each quote.
    let (mut read_end, mut write_end) = (old_len, new_len - 1);
    while let Some(q) = memchr::memrchr(b'"', &out[start..read_end]).map(|i| start + i) {
        let n = read_end - q;
        out.copy_within(q..read_end, write_end - n);
        write_end -= n + 1;
        out[write_end] = b'"';
        read_end = q;
    }
    let n = read_end - start;
    out.copy_within(start..read_end, write_end - n);
    debug_assert_eq!(write_end - n, start + 1);
    out[start] = b'"';
}

/// Appends the `_errors` field: each reason as it displays, ` | `-joined, as one CSV field.
fn reasons_field(out: &mut Vec<u8>, reasons: &[RowError]) {
    // Whether to quote is known before writing (codes and separators never
    // need it), so a quoted field is escaped as it is written, not shifted after.
    debug_assert!(reasons.iter().all(|r| !needs_quotes(r.code.as_bytes())));
    let quoted = reasons
        .iter()
        .any(|r| needs_quotes(r.field.as_bytes()) || needs_quotes(r.message.as_bytes()));
    if quoted {
        out.push(b'"');
    }
    for (i, r) in reasons.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b" | ");
        }
        if quoted {
            r.write_with(out, escaped);
        } else {
            r.write_to(out);
        }
    }
    if quoted {
        out.push(b'"');
    }
}

/// Appends `text` with each `"` doubled, as inside a quoted CSV field.
fn escaped(out: &mut Vec<u8>, mut text: &[u8]) {
    while let Some(q) = memchr::memchr(b'"', text) {
        out.extend_from_slice(&text[..=q]);
        out.push(b'"');
        text = &text[q + 1..];
    }
    out.extend_from_slice(text);
}

/// Appends `field` as a CSV field, quoted only when it must be.
fn csv_field(out: &mut Vec<u8>, field: &[u8]) {
    if !needs_quotes(field) {
        out.extend_from_slice(field);
        return;
    }
    out.push(b'"');
    escaped(out, field);
    out.push(b'"');
}

/// The rejects CSV: `_line`, `_errors`, then the original columns as read.
/// The warnings CSV has the same shape with `_warnings`.
pub struct RejectsWriter {
    out: OutputFile,
    format: RowFormat,
    buf: Vec<u8>,
}

impl RejectsWriter {
    /// Starts the file with its header: `_line,_errors,<headers>`.
    pub fn new(
        out: OutputFile,
        headers: &[&str],
        kept: Vec<usize>,
        width: usize,
        excel_safe: bool,
    ) -> Result<RejectsWriter> {
        Self::create(out, "_errors", headers, &kept, width, excel_safe)
    }

    /// Starts a warnings file: `_line,_warnings,<headers>`.
    pub fn warnings(
        out: OutputFile,
        headers: &[&str],
        kept: Vec<usize>,
        width: usize,
        excel_safe: bool,
    ) -> Result<RejectsWriter> {
        Self::create(out, "_warnings", headers, &kept, width, excel_safe)
    }

    fn create(
        mut out: OutputFile,
        column: &str,
        headers: &[&str],
        kept: &[usize],
        width: usize,
        excel_safe: bool,
    ) -> Result<RejectsWriter> {
        // For Excel (`--rejects-excel-safe`): a UTF-8 BOM, without which it
        // shows accented names as `JosÃ©` and saves them back as windows-1252.
        let mut buf = if excel_safe {
            "\u{FEFF}".as_bytes().to_vec()
        } else {
            Vec::new()
        };
        for (i, h) in ["_line", column].iter().chain(headers).enumerate() {
            if i > 0 {
                buf.push(b',');
            }
            csv_field(&mut buf, h.as_bytes());
        }
        buf.push(b'\n');
        out.write_bytes(&buf)?;
        Ok(RejectsWriter {
            out,
            format: RowFormat::new(kept, width, excel_safe),
            buf,
        })
    }

    /// How rows of this file are formatted.
    pub fn format(&self) -> &RowFormat {
        &self.format
    }

    /// Writes one record with all its reasons.
    pub fn write(&mut self, rec: &Record, errors: &[RowError]) -> Result<()> {
        self.buf.clear();
        self.format.row(&mut self.buf, rec, errors);
        self.out.write_bytes(&self.buf)
    }

    /// Writes rows already formatted with `format()`.
    pub fn write_formatted(&mut self, rows: &[u8]) -> Result<()> {
        self.out.write_run(rows)
    }

    /// Flushes and syncs everything written (see `OutputFile::finish`).
    pub fn finish(&mut self) -> Result<()> {
        self.out.finish()
    }

    /// Flushes and puts the file in place.
    pub fn commit(self) -> Result<()> {
        self.out.commit()
    }

    /// See `OutputFile::commit_dir`.
    pub fn commit_dir(&self) -> Option<PathBuf> {
        self.out.commit_dir()
    }
}

/// Undoes `needs_excel_guard`'s `'` prefix: `'=1+1` reads as `=1+1`;
/// a `'` before anything else is the user's own and stays.
pub fn strip_excel_guard(cell: &[u8]) -> &[u8] {
    match cell {
        [b'\'', rest @ ..] if needs_excel_guard(rest) => rest,
        _ => cell,
    }
}

/// OWASP's CSV-injection rule: cells a spreadsheet would run as a formula.
pub fn needs_excel_guard(field: &[u8]) -> bool {
    // A leading `'` of the cell's own is guarded too, so that feeding the
    // file back removes exactly the `'` this guard added (`''=x` → `'=x`).
    matches!(
        field.first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r' | b'\'')
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_appears_under_the_final_name_before_commit() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out.jsonl");
        let mut f = OutputFile::create(&Dest::Path(dest.clone()), "JSONL output").unwrap();
        f.write_bytes(b"{}\n").unwrap();
        assert!(!dest.exists());
        let names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert!(names[0].starts_with(".out.jsonl.csv2dto-tmp."), "{names:?}");
        f.commit().unwrap();
        assert_eq!(fs::read(&dest).unwrap(), b"{}\n");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn outputs_get_ordinary_permissions_not_private_temp_ones() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out.jsonl");
        let f = OutputFile::create(&Dest::Path(dest.clone()), "JSONL output").unwrap();
        f.commit().unwrap();
        let mode = fs::metadata(&dest).unwrap().permissions().mode() & 0o777;
        assert_ne!(
            mode & 0o044,
            0,
            "readable by group/others as the umask allows: {mode:o}"
        );
    }

    #[test]
    fn dropping_without_commit_leaves_no_file_and_keeps_an_old_one() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out.jsonl");
        fs::write(&dest, b"old\n").unwrap();
        let mut f = OutputFile::create(&Dest::Path(dest.clone()), "JSONL output").unwrap();
        f.write_bytes(b"partial").unwrap();
        drop(f);
        assert_eq!(fs::read(&dest).unwrap(), b"old\n");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn long_runs_written_past_the_buffer_keep_their_order() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["out.jsonl", "out.jsonl.gz"] {
            let dest = dir.path().join(name);
            let mut f = OutputFile::create(&Dest::Path(dest.clone()), "JSONL output").unwrap();
            let long: Vec<u8> = (0..DIRECT_RUN + 7).map(|i| b'a' + (i % 26) as u8).collect();
            let mut expected = Vec::new();
            // (bytes, written as a run): buffered bytes must go out before a long run.
            let parts = [
                (&b"buffered "[..], false),
                (&long, true),
                (b" short run ", true),
                (&long, true),
                (b" tail", false),
            ];
            for (part, run) in parts {
                if run {
                    f.write_run(part).unwrap();
                } else {
                    f.write_bytes(part).unwrap();
                }
                expected.extend_from_slice(part);
            }
            f.commit().unwrap();
            let mut got = Vec::new();
            if name.ends_with(".gz") {
                use std::io::Read;
                flate2::read::MultiGzDecoder::new(File::open(&dest).unwrap())
                    .read_to_end(&mut got)
                    .unwrap();
            } else {
                got = fs::read(&dest).unwrap();
            }
            assert!(
                got == expected,
                "{name}: {} bytes, not as written",
                got.len()
            );
        }
    }

    #[test]
    fn a_gz_path_is_written_gzip_compressed() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out.jsonl.gz");
        let mut f = OutputFile::create(&Dest::Path(dest.clone()), "JSONL output").unwrap();
        f.write_bytes(b"{\"number\":\"+14155550100\"}\n").unwrap();
        f.commit().unwrap();
        let mut text = String::new();
        use std::io::Read;
        flate2::read::MultiGzDecoder::new(File::open(&dest).unwrap())
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, "{\"number\":\"+14155550100\"}\n");
    }

    #[test]
    fn stale_temporaries_of_dead_processes_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".out.jsonl.csv2dto-tmp.4294967.abc");
        let mine = dir
            .path()
            .join(format!(".x.csv2dto-tmp.{}.abc", std::process::id()));
        let other = dir.path().join("keep.csv");
        for p in [&stale, &mine, &other] {
            fs::write(p, b"x").unwrap();
        }
        remove_stale_temporaries(dir.path());
        assert!(!stale.exists());
        assert!(mine.exists() && other.exists());
    }

    #[test]
    fn a_commit_lock_holds_each_folder_once_until_dropped() {
        // Audit 9: two runs to the same outputs left a mix of both runs'
        // files (2 to 3 rounds in 60); each now renames its set under these.
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let other = |d: &Path| File::open(d).unwrap().try_lock();
        let lock = CommitLock::acquire([
            a.path().to_path_buf(),
            b.path().join("."),
            a.path().join("../").join(a.path().file_name().unwrap()),
        ]);
        assert_eq!(lock._held.len(), 2, "one lock per folder, however named");
        for d in [a.path(), b.path()] {
            assert!(matches!(other(d), Err(fs::TryLockError::WouldBlock)));
        }
        drop(lock);
        assert!(other(a.path()).is_ok() && other(b.path()).is_ok());
    }

    #[test]
    fn a_locked_temporary_is_live_whatever_its_pid_says() {
        // Audit 9: a run in another PID namespace (a container sharing the
        // folder) had its live temporaries removed: its PID is not ours to read.
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out.jsonl");
        let mut live = OutputFile::create(&Dest::Path(dest.clone()), "JSONL output").unwrap();
        live.write_bytes(b"{}\n").unwrap();
        // What the other namespace sees: the same file under a PID not running here.
        let Target::Temp { tmp, .. } = &live.target else {
            panic!("a temporary")
        };
        let foreign = dir.path().join(".out.jsonl.csv2dto-tmp.4294967.live");
        fs::hard_link(tmp, &foreign).unwrap();
        remove_stale_temporaries(dir.path());
        assert!(foreign.exists(), "locked by the live writer");
        drop(live);
        // Once the writer is gone, the next run's clean-up takes it.
        CLEANED.lock().unwrap().clear();
        remove_stale_temporaries(dir.path());
        assert!(!foreign.exists());
    }

    #[test]
    fn devices_are_written_in_place() {
        let mut f = OutputFile::create(&Dest::Path("/dev/null".into()), "JSONL output").unwrap();
        f.write_bytes(b"x").unwrap();
        f.commit().unwrap();
        assert!(fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device_like());
    }

    trait CharDevice {
        fn is_char_device_like(&self) -> bool;
    }
    impl CharDevice for fs::FileType {
        fn is_char_device_like(&self) -> bool {
            #[cfg(unix)]
            {
                use std::os::unix::fs::FileTypeExt;
                self.is_char_device()
            }
            #[cfg(not(unix))]
            {
                true
            }
        }
    }

    #[test]
    fn same_file_sees_through_dot_segments_and_links() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.csv");
        fs::write(&a, b"x").unwrap();
        assert!(same_file(&a, &dir.path().join(".").join("a.csv")));
        #[cfg(unix)]
        {
            let link = dir.path().join("link.csv");
            std::os::unix::fs::symlink(&a, &link).unwrap();
            assert!(same_file(&a, &link));
        }
        assert!(!same_file(&a, &dir.path().join("b.csv")));
    }

    #[test]
    fn rejects_rows_keep_values_and_guard_formulas_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("r.csv");
        let out = OutputFile::create(&Dest::Path(dest.clone()), "rejects file").unwrap();
        let mut w = RejectsWriter::new(out, &["number", "name"], vec![1, 2], 3, true).unwrap();
        // Column 0 is a `_line` column of a fed-back rejects file.
        let rec = Record::from_fields(7, ["3", "=1+1", "Smith, J"]);
        let errs = vec![
            RowError {
                field: "number".into(),
                code: "a",
                message: "x".into(),
            },
            RowError {
                field: "name".into(),
                code: "b",
                message: "y".into(),
            },
        ];
        w.write(&rec, &errs).unwrap();
        w.commit().unwrap();
        assert_eq!(
            fs::read_to_string(&dest).unwrap(),
            "\u{FEFF}_line,_errors,number,name\n7,number:a: x | name:b: y,'=1+1,\"Smith, J\"\n"
        );
    }

    /// The plain definition of a CSV field: quoted when it holds `,` `"` CR or LF, quotes doubled.
    fn reference_field(field: &[u8]) -> Vec<u8> {
        if !field.iter().any(|b| b",\"\r\n".contains(b)) {
            return field.to_vec();
        }
        let mut v = vec![b'"'];
        for &b in field {
            v.extend_from_slice(if b == b'"' {
                b"\"\""
            } else {
                std::slice::from_ref(&b)
            });
        }
        v.push(b'"');
        v
    }

    proptest::proptest! {
        #[test]
        fn fields_are_quoted_as_the_plain_definition_says(
            prefix in proptest::collection::vec(proptest::sample::select(b"a,\"x".to_vec()), 0..4),
            field in proptest::collection::vec(proptest::sample::select(b"ab \",\r\n\xc3\xa9".to_vec()), 0..40),
        ) {
            let want = [prefix.clone(), reference_field(&field)].concat();
            let mut appended = prefix.clone();
            csv_field(&mut appended, &field);
            proptest::prop_assert_eq!(&appended, &want);
            let mut in_place = [prefix.clone(), field.clone()].concat();
            quote_in_place(&mut in_place, prefix.len());
            proptest::prop_assert_eq!(&in_place, &want);
        }
    }

    proptest::proptest! {
        #[test]
        fn the_reasons_field_is_the_displayed_reasons_as_one_csv_field(
            reasons in proptest::collection::vec(
                (
                    "[a \",\r\né]{0,6}",
                    proptest::sample::select(vec!["number_not_e164", "ragged_row", "c"]),
                    "[a \",|\r\né]{0,12}",
                ),
                0..4,
            ),
        ) {
            let reasons: Vec<RowError> = reasons
                .into_iter()
                .map(|(field, code, message)| RowError { field, code, message })
                .collect();
            let shown: Vec<String> = reasons.iter().map(ToString::to_string).collect();
            let mut out = b"7,".to_vec();
            reasons_field(&mut out, &reasons);
            let want = [b"7,".to_vec(), reference_field(shown.join(" | ").as_bytes())].concat();
            proptest::prop_assert_eq!(String::from_utf8(out).unwrap(), String::from_utf8(want).unwrap());
        }
    }

    #[test]
    fn reasons_are_written_as_they_display() {
        let e = RowError {
            field: "phone".into(),
            code: "number_not_e164",
            message: "`1 2` has, \"quotes\"".into(),
        };
        let mut out = Vec::new();
        e.write_to(&mut out);
        assert_eq!(String::from_utf8(out).unwrap(), e.to_string());
    }

    #[test]
    fn rows_read_as_plain_lines_are_written_as_their_fields_would_be() {
        use crate::records::RecordReader;
        let data = b"1,Ana, b ,,x\n2\n3,,,,,,\n,\n\"q,1\",z\n";
        for delimiter in [b',', b';'] {
            let text: Vec<u8> = data
                .iter()
                .map(|&b| if b == b',' { delimiter } else { b })
                .collect();
            let mut reader = RecordReader::new(&text[..], delimiter, 1 << 20);
            let mut rec = Record::default();
            let format = RowFormat::new(&[0, 1, 2, 3, 4], 5, false);
            let reasons = [RowError {
                field: "row".into(),
                code: "c",
                message: "m".into(),
            }];
            while reader.read(&mut rec).unwrap() {
                assert_eq!(
                    rec.comma_line().is_some(),
                    delimiter == b',' && rec.line < 5
                );
                let packed = Record::from_fields(rec.line, rec.iter());
                let (mut fast, mut slow) = (Vec::new(), Vec::new());
                format.row(&mut fast, &rec, &reasons);
                format.row(&mut slow, &packed, &reasons);
                assert_eq!(
                    String::from_utf8_lossy(&fast),
                    String::from_utf8_lossy(&slow)
                );
            }
        }
    }
}

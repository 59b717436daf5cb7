//! Opening input: the one place that turns a path or stdin into bytes the CSV
//! parser can take, so no other module cares where the data came from.
//!
//! [`open`] reads a small prefix to recognise gzip or zstd by magic bytes
//! (never by file name), peeks the first 64 KiB of decompressed data to decide
//! the encoding (BOM, then UTF-8, then a `chardetng` guess) and the delimiter
//! (quote-aware sniffing), then chains the peeked bytes back in front of the
//! rest, so nothing is read twice and stdin works like a file. UTF-8 input is
//! passed through untouched apart from a stripped BOM; anything else is
//! transcoded to UTF-8 while streaming. A [`ByteCounter`] counts the raw bytes
//! read from the file (before decompression) for a progress bar against
//! [`InputMeta::size`], and can hash them.

mod encoding;
mod sniff;

pub use encoding::parse_encoding_label;
pub use sniff::parse_delimiter;

use std::fmt;
use std::fs::File;
use std::io::{self, Cursor, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use encoding_rs::{Encoding, UTF_8};
use flate2::read::MultiGzDecoder;
use sha2::{Digest, Sha256};

/// How many decompressed bytes [`open`] peeks to detect encoding and delimiter.
pub const PEEK_LEN: usize = 64 * 1024;
/// How far the encoding is looked for when the first `PEEK_LEN` bytes hold
/// only a few stray non-ASCII bytes (see `encoding::undecided`).
const LONG_PEEK_LEN: usize = 1024 * 1024;

/// Where the CSV comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Standard input, written `-` on the command line.
    Stdin,
    /// A file on disk, possibly gzip- or zstd-compressed.
    Path(PathBuf),
}

impl Source {
    /// The source a command-line argument names: `-` is stdin, anything else
    /// a path.
    pub fn from_arg(arg: impl Into<PathBuf>) -> Source {
        let path = arg.into();
        if path.as_os_str() == "-" {
            Source::Stdin
        } else {
            Source::Path(path)
        }
    }

    /// The path errors name: the file, or `-` for stdin.
    fn error_path(&self) -> PathBuf {
        match self {
            Source::Stdin => PathBuf::from("-"),
            Source::Path(path) => path.clone(),
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Stdin => f.write_str("-"),
            Source::Path(path) => write!(f, "{}", path.display()),
        }
    }
}

/// What the user fixed instead of leaving it to detection.
#[derive(Debug, Clone, Copy, Default)]
pub struct InputOptions {
    /// `--encoding`: use this encoding whatever the bytes look like.
    pub encoding: Option<&'static Encoding>,
    /// `--delimiter`: use this field delimiter instead of sniffing.
    pub delimiter: Option<u8>,
    /// Compute a SHA-256 of the raw input bytes, read from
    /// [`ByteCounter::sha256_hex`] once the reader reached the end.
    pub hash: bool,
}

/// Compression recognised by the stream's magic bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    /// Plain bytes.
    None,
    /// gzip, possibly several concatenated members (all are read).
    Gzip,
    /// Zstandard, possibly several concatenated frames.
    Zstd,
}

impl Compression {
    fn from_magic(magic: &[u8]) -> Compression {
        match magic {
            [0x1f, 0x8b, ..] => Compression::Gzip,
            [0x28, 0xb5, 0x2f, 0xfd, ..] => Compression::Zstd,
            _ => Compression::None,
        }
    }

    /// Lower-case name for summaries: `none`, `gzip`, `zstd`.
    pub fn as_str(self) -> &'static str {
        match self {
            Compression::None => "none",
            Compression::Gzip => "gzip",
            Compression::Zstd => "zstd",
        }
    }
}

/// How the encoding was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncodingSource {
    /// A byte order mark said so.
    Bom,
    /// The bytes showed it: non-ASCII UTF-8, the NUL pattern of UTF-16, or a
    /// `chardetng` guess that decodes the peeked chunk cleanly.
    Detected,
    /// Nothing showed it: an all-ASCII start read as UTF-8, or a legacy
    /// encoding no guess fitted, read as windows-1252.
    Assumed,
    /// The `--encoding` option.
    Option,
    /// A rejects file csv2dto wrote (it starts `_line,_errors`): always
    /// UTF-8, whatever `--encoding` says or its rows hold.
    RejectsFile,
}

impl EncodingSource {
    /// Lower-case name for summaries: `bom`, `detected`, `assumed`, `option`,
    /// `rejects file`.
    pub fn as_str(self) -> &'static str {
        match self {
            EncodingSource::RejectsFile => "rejects file",
            EncodingSource::Bom => "bom",
            EncodingSource::Detected => "detected",
            EncodingSource::Assumed => "assumed",
            EncodingSource::Option => "option",
        }
    }
}

/// How the delimiter was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DelimiterSource {
    /// Sniffed from the first records.
    Sniffed,
    /// A `.tsv`/`.tab` file name (also compressed, like `.tsv.gz`).
    Extension,
    /// The `--delimiter` option.
    Option,
    /// Nothing split the records (a single column): `,`.
    Default,
    /// A rejects file csv2dto wrote (it starts `_line,_errors`): `,`,
    /// whatever `--delimiter` says, as for its encoding.
    RejectsFile,
    /// Excel's `sep=;` first line.
    SepLine,
}

impl DelimiterSource {
    /// Lower-case name for summaries: `sniffed`, `extension`, `option`,
    /// `default`.
    pub fn as_str(self) -> &'static str {
        match self {
            DelimiterSource::Sniffed => "sniffed",
            DelimiterSource::Extension => "extension",
            DelimiterSource::Option => "option",
            DelimiterSource::Default => "default",
            DelimiterSource::RejectsFile => "rejects file",
            DelimiterSource::SepLine => "sep= line",
        }
    }
}

macro_rules! display_as_str {
    ($($ty:ty),*) => {$(
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    )*};
}
display_as_str!(Compression, EncodingSource, DelimiterSource);

/// What [`open`] found out about the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputMeta {
    /// The source encoding's WHATWG name: `UTF-8`, `UTF-16LE`, `windows-1252`…
    /// The reader yields UTF-8 whatever this is.
    pub encoding: &'static str,
    /// How the encoding was decided.
    pub encoding_source: EncodingSource,
    /// The field delimiter for the CSV parser.
    pub delimiter: u8,
    /// How the delimiter was decided.
    pub delimiter_source: DelimiterSource,
    /// Compression found by magic bytes.
    pub compression: Compression,
    /// Size on disk of a regular file (compressed size for compressed files);
    /// `None` for stdin, pipes and devices.
    pub size: Option<u64>,
    /// The file starts with Excel's `sep=X` line, which is no header: the
    /// reader skips it (it still counts as line 1).
    pub sep_line: bool,
    /// The opened file's device and inode (Unix), to tell a file rewritten
    /// while being read from one replaced by a new file (`mv`, `rsync`).
    pub file_id: Option<(u64, u64)>,
}

impl InputMeta {
    /// The encoding the reader decodes from into UTF-8; None when the input
    /// is UTF-8 already and passes through as it is.
    pub fn decoded_from(&self) -> Option<&'static str> {
        (self.encoding != UTF_8.name()).then_some(self.encoding)
    }
}

/// An opened input, ready for the CSV parser.
pub struct Input {
    /// The CSV bytes: decompressed, BOM removed, and UTF-8 (transcoded when
    /// the source was not UTF-8; UTF-8 sources pass through untouched, so a
    /// stray invalid byte is left for the row it is in).
    pub reader: Box<dyn Read + Send>,
    /// What was detected.
    pub meta: InputMeta,
    /// Counts raw bytes as `reader` pulls them from the file; clone it for a
    /// progress thread.
    pub progress: ByteCounter,
}

impl fmt::Debug for Input {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Input")
            .field("meta", &self.meta)
            .field("progress", &self.progress)
            .finish_non_exhaustive()
    }
}

/// A shared count of the raw (still compressed) bytes read from the source.
///
/// Clones share one count. Reading it is a relaxed atomic load, cheap enough
/// for a progress bar to poll.
#[derive(Debug, Clone, Default)]
pub struct ByteCounter {
    shared: Arc<CounterState>,
}

#[derive(Debug, Default)]
struct CounterState {
    bytes: AtomicU64,
    digest: OnceLock<String>,
}

impl ByteCounter {
    /// Raw bytes read so far.
    pub fn bytes(&self) -> u64 {
        self.shared.bytes.load(Ordering::Relaxed)
    }

    /// Lower-case hex SHA-256 of all raw input bytes; `Some` only when
    /// [`InputOptions::hash`] was set and the reader has reached the end of
    /// the input.
    pub fn sha256_hex(&self) -> Option<String> {
        self.shared.digest.get().cloned()
    }
}

/// Counts (and maybe hashes) what passes through, below any decompressor.
/// The hasher is owned here, not shared, so the read path takes no lock.
struct CountingReader<R> {
    inner: R,
    counter: ByteCounter,
    hasher: Option<Sha256>,
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n > 0 {
            self.counter
                .shared
                .bytes
                .fetch_add(n as u64, Ordering::Relaxed);
            if let Some(hasher) = &mut self.hasher {
                hasher.update(&buf[..n]);
            }
        } else if !buf.is_empty() {
            if let Some(hasher) = self.hasher.take() {
                let hex = hasher
                    .finalize()
                    .iter()
                    .map(|byte| format!("{byte:02x}"))
                    .collect();
                let _ = self.counter.shared.digest.set(hex);
            }
        }
        Ok(n)
    }
}

/// Why the input could not be opened.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum InputError {
    /// The file could not be opened (missing, permission denied, …).
    #[error("cannot open {}: {source}", path.display())]
    Open {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: io::Error,
    },
    /// The path is a directory.
    #[error("cannot read {}: it is a directory", path.display())]
    IsDirectory {
        /// The directory.
        path: PathBuf,
    },
    /// Reading or decompressing the start of the input failed.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file, or `-` for stdin.
        path: PathBuf,
        /// The I/O or decompression error.
        source: io::Error,
    },
    /// The input starts with a UTF-32 byte order mark: no CSV tool reads it,
    /// and decoded as UTF-16 it would be one NUL after every character.
    #[error("cannot read {}: it is UTF-32 (its byte order mark says so); save it as UTF-8 or UTF-16 and try again", path.display())]
    Utf32 {
        /// The file, or `-` for stdin.
        path: PathBuf,
    },
    /// `--encoding` named no encoding.
    #[error("unknown encoding {label:?} (try utf-8, utf-16le, windows-1252, latin1)")]
    UnknownEncoding {
        /// The label as given.
        label: String,
    },
    /// `--delimiter` was not a single ASCII byte or a known name.
    #[error("invalid delimiter {value:?} (use a single ASCII character, or tab)")]
    InvalidDelimiter {
        /// The value as given.
        value: String,
    },
}

/// Opens `source` and detects compression, encoding and delimiter, reading
/// only a prefix (at most [`PEEK_LEN`] decompressed bytes) up front.
///
/// Errors name the path. Corrupt compressed data beyond the peeked prefix
/// surfaces later as an `io::Error` from [`Input::reader`].
pub fn open(source: &Source, opts: &InputOptions) -> Result<Input, InputError> {
    let path = source.error_path();
    match source {
        Source::Stdin => open_reader(Box::new(io::stdin()), None, path, None, opts),
        Source::Path(file_path) => {
            let open_error = |source| InputError::Open {
                path: path.clone(),
                source,
            };
            let file = File::open(file_path).map_err(open_error)?;
            let metadata = file.metadata().map_err(open_error)?;
            if metadata.is_dir() {
                return Err(InputError::IsDirectory { path });
            }
            let size = metadata.is_file().then_some(metadata.len());
            let mut input = open_reader(Box::new(file), Some(file_path), path, size, opts)?;
            input.meta.file_id = file_id(&metadata);
            Ok(input)
        }
    }
}

/// A decompressor whose format errors say what they mean for the user:
/// flate2's bare "invalid gzip header" for bytes after the last member, or
/// "unexpected end of file" for a cut download, name neither.
struct Damaged<R> {
    inner: R,
    format: &'static str,
    test: &'static str,
}

impl<R> Damaged<R> {
    fn new(inner: R, format: &'static str, test: &'static str) -> Damaged<R> {
        Damaged {
            inner,
            format,
            test,
        }
    }
}

impl<R: Read> Read for Damaged<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.inner.read(buf).map_err(|e| match e.kind() {
            io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof => {
                io::Error::new(
                    e.kind(),
                    format!(
                        "{e}: the {} data is damaged, cut short, or followed by bytes that are not {} (`{}` checks the file)",
                        self.format, self.format, self.test
                    ),
                )
            }
            _ => e,
        })
    }
}

/// The device and inode of a file (Unix); None elsewhere.
pub fn file_id(metadata: &std::fs::Metadata) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((metadata.dev(), metadata.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = metadata;
        None
    }
}

fn open_reader(
    raw: Box<dyn Read + Send>,
    name: Option<&Path>,
    path: PathBuf,
    size: Option<u64>,
    opts: &InputOptions,
) -> Result<Input, InputError> {
    let read_error = |source| InputError::Read {
        path: path.clone(),
        source,
    };
    let progress = ByteCounter::default();
    let mut counting = CountingReader {
        inner: raw,
        counter: progress.clone(),
        hasher: opts.hash.then(Sha256::new),
    };

    let magic = read_up_to(&mut counting, 4).map_err(read_error)?;
    let compression = Compression::from_magic(&magic);
    let raw = Cursor::new(magic).chain(counting);
    let mut decompressed: Box<dyn Read + Send> = match compression {
        Compression::None => Box::new(raw),
        Compression::Gzip => Box::new(Damaged::new(MultiGzDecoder::new(raw), "gzip", "gzip -t")),
        Compression::Zstd => Box::new(Damaged::new(
            zstd::Decoder::new(raw).map_err(read_error)?,
            "zstd",
            "zstd -t",
        )),
    };

    let mut head = read_up_to(&mut decompressed, PEEK_LEN).map_err(read_error)?;
    let mut at_eof = head.len() < PEEK_LEN;
    if !at_eof && encoding::undecided(&head, opts.encoding) {
        let more = read_up_to(&mut decompressed, LONG_PEEK_LEN - PEEK_LEN).map_err(read_error)?;
        at_eof = more.len() < LONG_PEEK_LEN - PEEK_LEN;
        head.extend_from_slice(&more);
    }
    // UTF-32's little-endian BOM starts with UTF-16LE's: tell them apart first.
    if opts.encoding.is_none()
        && (head.starts_with(b"\xFF\xFE\0\0") || head.starts_with(b"\0\0\xFE\xFF"))
    {
        return Err(InputError::Utf32 { path });
    }
    let detection = encoding::detect(&head, at_eof, opts.encoding);
    let passthrough = detection.encoding == UTF_8;

    let rejects_file = detection.source == EncodingSource::RejectsFile;
    // The start of the text, decoded once for both looks at it.
    let body = &head[detection.bom_len..];
    let sample: std::borrow::Cow<'_, [u8]> = if passthrough {
        body.into()
    } else {
        encoding::decode_sample(detection.encoding, body, at_eof)
            .into_bytes()
            .into()
    };
    let sep_line = sniff::sep_line(&sample);
    let (delimiter, delimiter_source) = match (opts.delimiter, sep_line) {
        // One command line serves a `;` export and its rejects fed back.
        _ if rejects_file => (b',', DelimiterSource::RejectsFile),
        (Some(delimiter), _) => (delimiter, DelimiterSource::Option),
        (None, Some(delimiter)) => (delimiter, DelimiterSource::SepLine),
        (None, None) => match name.and_then(sniff::delimiter_from_name) {
            Some(delimiter) => (delimiter, DelimiterSource::Extension),
            None => match sniff::sniff(&sample, at_eof) {
                Some(delimiter) => (delimiter, DelimiterSource::Sniffed),
                None => (b',', DelimiterSource::Default),
            },
        },
    };

    // The peeked chunk goes back in front of the stream, minus its BOM.
    let mut peeked = Cursor::new(head);
    peeked.set_position(detection.bom_len as u64);
    let body = peeked.chain(decompressed);
    let reader: Box<dyn Read + Send> = if passthrough {
        Box::new(body)
    } else {
        Box::new(encoding::Transcoder::new(body, detection.encoding))
    };

    Ok(Input {
        reader,
        meta: InputMeta {
            encoding: detection.encoding.name(),
            encoding_source: detection.source,
            delimiter,
            delimiter_source,
            compression,
            size,
            sep_line: sep_line.is_some(),
            file_id: None,
        },
        progress,
    })
}

/// Reads until `limit` bytes or the end of input, whichever comes first;
/// pipes and decompressors may return short reads before the end.
fn read_up_to(reader: &mut impl Read, limit: usize) -> io::Result<Vec<u8>> {
    let mut buf = Vec::with_capacity(limit);
    reader.by_ref().take(limit as u64).read_to_end(&mut buf)?;
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use flate2::write::GzEncoder;

    use super::*;

    /// Writes `bytes` to `name` in a fresh temp dir and opens it.
    fn open_bytes(name: &str, bytes: &[u8], opts: InputOptions) -> (Input, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let input = open(&Source::Path(path), &opts).unwrap();
        (input, dir)
    }

    fn read_all(input: &mut Input) -> Vec<u8> {
        let mut out = Vec::new();
        input.reader.read_to_end(&mut out).unwrap();
        out
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    /// Rows that compress only about 2:1, so files get past the peek.
    fn numbered_rows(count: u32) -> Vec<u8> {
        (0..count)
            .flat_map(|i| format!("{i},{}\n", i.wrapping_mul(2_654_435_761)).into_bytes())
            .collect()
    }

    #[test]
    fn utf8_bom_and_crlf() {
        let (mut input, _dir) = open_bytes(
            "excel.csv",
            b"\xEF\xBB\xBFname,phone\r\nZo\xC3\xAB,+15551234567\r\n",
            InputOptions::default(),
        );
        assert_eq!(
            read_all(&mut input),
            "name,phone\r\nZoë,+15551234567\r\n".as_bytes()
        );
        assert_eq!(input.meta.encoding, "UTF-8");
        assert_eq!(input.meta.encoding_source, EncodingSource::Bom);
        assert_eq!(input.meta.delimiter, b',');
        assert_eq!(input.meta.compression, Compression::None);
        assert_eq!(input.meta.size, Some(34));
    }

    #[test]
    fn excel_unicode_text_is_utf16le_with_tabs() {
        let text = "name\tphone\tnote\r\nMüller\t+4930123456\tcalls, mornings\r\n";
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let (mut input, _dir) = open_bytes("export.txt", &bytes, InputOptions::default());
        assert_eq!(read_all(&mut input), text.as_bytes());
        assert_eq!(input.meta.encoding, "UTF-16LE");
        assert_eq!(input.meta.encoding_source, EncodingSource::Bom);
        assert_eq!(input.meta.delimiter, b'\t');
        assert_eq!(input.meta.delimiter_source, DelimiterSource::Sniffed);
    }

    #[test]
    fn windows_1252_names_are_transcoded() {
        let (mut input, _dir) = open_bytes(
            "legacy.csv",
            b"first;last;city\nJos\xE9;M\xFCller;K\xF6ln\nFran\xE7ois;L\xE9ger;Orl\xE9ans\n",
            InputOptions::default(),
        );
        assert_eq!(
            String::from_utf8(read_all(&mut input)).unwrap(),
            "first;last;city\nJosé;Müller;Köln\nFrançois;Léger;Orléans\n"
        );
        assert_eq!(input.meta.encoding, "windows-1252");
        assert_eq!(input.meta.encoding_source, EncodingSource::Detected);
        assert_eq!(input.meta.delimiter, b';');
    }

    #[test]
    fn semicolon_export_with_quoted_commas() {
        // Counting commas naively, every record has two fields, as many as
        // with `;`, and `,` would win the tie.
        let (input, _dir) = open_bytes(
            "de.csv",
            b"\"Nachname, Vorname\";\"Telefon\"\n\"M\xC3\xBCller, Hans\";\"+49 30 1\"\n\"Ode, Al\";\"+49 30 2\"\n",
            InputOptions::default(),
        );
        assert_eq!(input.meta.delimiter, b';');
        assert_eq!(input.meta.delimiter_source, DelimiterSource::Sniffed);
    }

    #[test]
    fn quoted_semicolon_in_a_comma_file() {
        // Counting semicolons naively gives three fields per record, more
        // than the two commas give.
        let (input, _dir) = open_bytes(
            "us.csv",
            b"\"tags;groups;lists\",phone\n\"a;b;c\",1\n\"d;e;f\",2\n",
            InputOptions::default(),
        );
        assert_eq!(input.meta.delimiter, b',');
    }

    #[test]
    fn tsv_name_means_tab_even_when_commas_sniff_better() {
        let bytes = b"note\nhello, world\nfoo, bar\n";
        let (input, _dir) = open_bytes("notes.tsv", bytes, InputOptions::default());
        assert_eq!(input.meta.delimiter, b'\t');
        assert_eq!(input.meta.delimiter_source, DelimiterSource::Extension);
        let (input, _dir) = open_bytes("notes.txt", bytes, InputOptions::default());
        assert_eq!(input.meta.delimiter, b',');
        let (input, _dir) = open_bytes("notes.tsv.gz", &gzip(bytes), InputOptions::default());
        assert_eq!(input.meta.delimiter, b'\t');
    }

    #[test]
    fn single_column_defaults_to_comma() {
        let (input, _dir) = open_bytes("phones.csv", b"phone\n+1555\n", InputOptions::default());
        assert_eq!(input.meta.delimiter, b',');
        assert_eq!(input.meta.delimiter_source, DelimiterSource::Default);
    }

    #[test]
    fn delimiter_option_wins() {
        let opts = InputOptions {
            delimiter: Some(b'|'),
            ..InputOptions::default()
        };
        let (input, _dir) = open_bytes("x.tsv", b"a,b\n1,2\n", opts);
        assert_eq!(input.meta.delimiter, b'|');
        assert_eq!(input.meta.delimiter_source, DelimiterSource::Option);
    }

    #[test]
    fn multi_member_gzip_yields_every_member() {
        // What `cat a.csv.gz b.csv.gz` or pigz produce; GzDecoder stops after
        // the first member and silently drops the rest.
        let mut bytes = gzip(b"name,phone\nA,1\n");
        bytes.extend(gzip(b"B,2\n"));
        bytes.extend(gzip(b"C,3\n"));
        let (mut input, _dir) = open_bytes("parts.csv", &bytes, InputOptions::default());
        assert_eq!(input.meta.compression, Compression::Gzip);
        assert_eq!(read_all(&mut input), b"name,phone\nA,1\nB,2\nC,3\n");
    }

    #[test]
    fn zstd_is_decompressed() {
        let bytes = zstd::encode_all(&b"name;phone\nA;1\nB;2\n"[..], 3).unwrap();
        let (mut input, _dir) = open_bytes("data.bin", &bytes, InputOptions::default());
        assert_eq!(input.meta.compression, Compression::Zstd);
        assert_eq!(input.meta.delimiter, b';');
        assert_eq!(read_all(&mut input), b"name;phone\nA;1\nB;2\n");
    }

    #[test]
    fn compression_is_found_by_magic_not_name() {
        let (mut input, _dir) =
            open_bytes("plain.csv", &gzip(b"a,b\n1,2\n"), InputOptions::default());
        assert_eq!(input.meta.compression, Compression::Gzip);
        assert_eq!(read_all(&mut input), b"a,b\n1,2\n");
        let (mut input, _dir) = open_bytes("fake.csv.gz", b"a,b\n1,2\n", InputOptions::default());
        assert_eq!(input.meta.compression, Compression::None);
        assert_eq!(read_all(&mut input), b"a,b\n1,2\n");
    }

    #[test]
    fn compressed_utf16_is_decompressed_then_transcoded() {
        let text = "a\tb\r\nü\t1\r\n";
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let (mut input, _dir) = open_bytes("x.txt.gz", &gzip(&bytes), InputOptions::default());
        assert_eq!(read_all(&mut input), text.as_bytes());
        assert_eq!(input.meta.encoding, "UTF-16LE");
    }

    #[test]
    fn encoding_option_overrides_detection() {
        let utf8 = "name\nMüller\n".as_bytes();
        let opts = InputOptions {
            encoding: Some(encoding_rs::WINDOWS_1252),
            ..InputOptions::default()
        };
        let (mut input, _dir) = open_bytes("x.csv", utf8, opts);
        assert_eq!(read_all(&mut input), "name\nMÃ¼ller\n".as_bytes());
        assert_eq!(input.meta.encoding, "windows-1252");
        assert_eq!(input.meta.encoding_source, EncodingSource::Option);

        // Forcing UTF-8 on latin-1 bytes passes them through untouched.
        let opts = InputOptions {
            encoding: Some(UTF_8),
            ..InputOptions::default()
        };
        let (mut input, _dir) = open_bytes("x.csv", b"name\nM\xFCller\n", opts);
        assert_eq!(read_all(&mut input), b"name\nM\xFCller\n");
        assert_eq!(input.meta.encoding_source, EncodingSource::Option);
    }

    #[test]
    fn utf8_char_split_at_the_peek_boundary_stays_utf8() {
        let mut bytes = vec![b'a'; PEEK_LEN - 1];
        bytes.extend("é,x\n".as_bytes());
        let (mut input, _dir) = open_bytes("long.csv", &bytes, InputOptions::default());
        assert_eq!(input.meta.encoding, "UTF-8");
        assert_eq!(read_all(&mut input), bytes);
    }

    #[test]
    fn counter_counts_compressed_bytes_and_hashes_them() {
        // Big enough that the compressed file outlasts the peek.
        let plain = numbered_rows(40_000);
        let bytes = gzip(&plain);
        assert!(bytes.len() > PEEK_LEN && bytes.len() < plain.len());
        let opts = InputOptions {
            hash: true,
            ..InputOptions::default()
        };
        let (mut input, _dir) = open_bytes("big.csv.gz", &bytes, opts);
        let progress = input.progress.clone();
        assert_eq!(progress.sha256_hex(), None, "no digest before the end");
        assert_eq!(read_all(&mut input), plain);
        assert_eq!(progress.bytes(), bytes.len() as u64);
        assert_eq!(input.meta.size, Some(bytes.len() as u64));
        let expected: String = Sha256::digest(&bytes)
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect();
        assert_eq!(progress.sha256_hex(), Some(expected));
    }

    #[test]
    fn sha256_of_a_known_input() {
        let opts = InputOptions {
            hash: true,
            ..InputOptions::default()
        };
        let (mut input, _dir) = open_bytes("abc.csv", b"abc", opts);
        read_all(&mut input);
        assert_eq!(input.progress.bytes(), 3);
        assert_eq!(
            input.progress.sha256_hex().as_deref(),
            Some("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        );
        let (mut input, _dir) = open_bytes("abc.csv", b"abc", InputOptions::default());
        read_all(&mut input);
        assert_eq!(input.progress.sha256_hex(), None, "hash not asked for");
    }

    #[test]
    fn utf32_is_refused_by_name_not_read_as_utf16() {
        for bom in [&b"\xFF\xFE\0\0"[..], b"\0\0\xFE\xFF"] {
            let mut bytes = bom.to_vec();
            for c in "number\n+1\n".chars() {
                let unit = u32::from(c);
                bytes.extend(if bom[0] == 0xFF {
                    unit.to_le_bytes()
                } else {
                    unit.to_be_bytes()
                });
            }
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("in.csv");
            std::fs::write(&path, bytes).unwrap();
            let e = open(&Source::from_arg(&path), &InputOptions::default())
                .err()
                .unwrap();
            assert!(matches!(e, InputError::Utf32 { .. }), "{e}");
            assert!(e.to_string().contains("UTF-32"), "{e}");
        }
    }

    #[test]
    fn empty_file() {
        let (mut input, _dir) = open_bytes("empty.csv", b"", InputOptions::default());
        assert_eq!(read_all(&mut input), b"");
        assert_eq!(input.meta.encoding, "UTF-8");
        assert_eq!(input.meta.encoding_source, EncodingSource::Assumed);
        assert_eq!(input.meta.delimiter_source, DelimiterSource::Default);
        assert_eq!(input.meta.size, Some(0));
    }

    #[test]
    fn missing_file_error_names_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nope.csv");
        let error = open(&Source::Path(path.clone()), &InputOptions::default()).unwrap_err();
        assert!(matches!(&error, InputError::Open { path: p, source }
            if *p == path && source.kind() == io::ErrorKind::NotFound));
        let message = error.to_string();
        assert!(message.contains("nope.csv"), "{message}");
    }

    #[test]
    fn directory_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let error = open(
            &Source::Path(dir.path().to_owned()),
            &InputOptions::default(),
        )
        .unwrap_err();
        assert!(matches!(error, InputError::IsDirectory { .. }), "{error}");
    }

    #[test]
    fn corrupt_gzip_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.csv.gz");
        // A gzip header, then garbage where deflate data should be.
        let mut bytes = gzip(b"a,b\n1,2\n")[..10].to_vec();
        bytes.extend([0xFF; 64]);
        std::fs::write(&path, &bytes).unwrap();
        match open(&Source::Path(path), &InputOptions::default()) {
            Err(error) => assert!(matches!(error, InputError::Read { .. }), "{error}"),
            Ok(mut input) => assert!(input.reader.read_to_end(&mut Vec::new()).is_err()),
        }
    }

    #[test]
    fn truncated_gzip_after_the_peek_errors_while_reading() {
        let plain = numbered_rows(40_000);
        let bytes = gzip(&plain);
        let (mut input, _dir) = open_bytes(
            "cut.gz",
            &bytes[..bytes.len() * 3 / 4],
            InputOptions::default(),
        );
        let e = input.reader.read_to_end(&mut Vec::new()).unwrap_err();
        // Named for the user: not a bare "unexpected end of file".
        assert!(
            e.to_string().ends_with("(`gzip -t` checks the file)"),
            "{e}"
        );
        // Bytes after the last member, as some upload tools leave them.
        let mut trailing = bytes.clone();
        trailing.extend_from_slice(&[0; 20]);
        let (mut input, _dir) = open_bytes("trailing.gz", &trailing, InputOptions::default());
        let e = input.reader.read_to_end(&mut Vec::new()).unwrap_err();
        assert!(
            e.to_string()
                .contains("followed by bytes that are not gzip"),
            "{e}"
        );
    }

    #[test]
    fn source_from_arg_and_display() {
        assert_eq!(Source::from_arg("-"), Source::Stdin);
        assert_eq!(Source::from_arg("a.csv"), Source::Path("a.csv".into()));
        assert_eq!(Source::Stdin.to_string(), "-");
        assert_eq!(Source::from_arg("dir/a.csv").to_string(), "dir/a.csv");
    }
}

//! Character encoding: which one the input is in, and a streaming reader that
//! turns a non-UTF-8 source into UTF-8 for the CSV parser.

use std::io::{self, Read};

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{CoderResult, Decoder, Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

use super::{EncodingSource, InputError};

/// Parses an `--encoding` value by its WHATWG label, so the names people
/// type work: `latin1` and `iso-8859-1` are windows-1252, `utf-16` is
/// UTF-16LE, `sjis` is Shift_JIS. Labels of the "replacement" encoding,
/// which would turn the whole file into one U+FFFD, are refused.
pub fn parse_encoding_label(label: &str) -> Result<&'static Encoding, InputError> {
    Encoding::for_label_no_replacement(label.trim().as_bytes()).ok_or_else(|| {
        InputError::UnknownEncoding {
            label: label.to_owned(),
        }
    })
}

/// What [`detect`] decided about the peeked chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Detection {
    pub encoding: &'static Encoding,
    pub source: EncodingSource,
    /// Length of the byte order mark at the start of the chunk, to skip.
    pub bom_len: usize,
}

/// Decides the encoding of `head`, the first decompressed chunk (`at_eof`:
/// it is the whole input). Order: a BOM, a rejects file of csv2dto's (UTF-8),
/// `forced` (the `--encoding` option), UTF-16 without BOM (NUL-byte
/// pattern), UTF-8 (valid, or mostly: see [`mostly_utf8`]), then
/// `chardetng` with windows-1252 as the fallback. The bytes' own word wins
/// over the option: a command line reused for every file of a windows-1252
/// export would otherwise garble the UTF-8 rejects file fed back.
pub(super) fn detect(head: &[u8], at_eof: bool, forced: Option<&'static Encoding>) -> Detection {
    let bom = Encoding::for_bom(head);
    if is_rejects_file(head) {
        // With or without the UTF-8 BOM `--rejects-excel-safe` writes.
        return Detection {
            encoding: UTF_8,
            source: EncodingSource::RejectsFile,
            bom_len: bom.map_or(0, |(_, len)| len),
        };
    }
    if let Some((encoding, bom_len)) = bom {
        return Detection {
            encoding,
            source: EncodingSource::Bom,
            bom_len,
        };
    }
    if let Some(encoding) = forced {
        return Detection {
            encoding,
            source: EncodingSource::Option,
            bom_len: 0,
        };
    }
    let found = |encoding, source| Detection {
        encoding,
        source,
        bom_len: 0,
    };
    // Before the UTF-8 check: ASCII text in UTF-16 is valid UTF-8 with NULs.
    if let Some(encoding) = utf16_without_bom(head) {
        return found(encoding, EncodingSource::Detected);
    }
    if is_utf8(head, at_eof) {
        let source = if head.is_ascii() {
            EncodingSource::Assumed
        } else {
            EncodingSource::Detected
        };
        return found(UTF_8, source);
    }
    if mostly_utf8(head, at_eof) {
        return found(UTF_8, EncodingSource::Detected);
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(head, at_eof);
    let guess = detector.guess(None, Utf8Detection::Deny);
    if decodes_cleanly(guess, head, at_eof) {
        found(guess, EncodingSource::Detected)
    } else {
        found(WINDOWS_1252, EncodingSource::Assumed)
    }
}

/// Valid UTF-8, where a sequence cut off by the end of a partial chunk counts
/// as valid: the rest of it is in the next chunk.
fn is_utf8(head: &[u8], at_eof: bool) -> bool {
    match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(error) => !at_eof && error.error_len().is_none(),
    }
}

/// UTF-8 with a few stray bytes: at least one well-formed multi-byte
/// character for every four malformed sequences. Read as UTF-8, each stray
/// byte rejects only its own row (`invalid_utf8`), loudly; read as a legacy
/// encoding, every accented name in the file would turn into mojibake
/// (`Müller` into `MÃ¼ller`) without a single reject. So the rule leans to
/// UTF-8: legacy text is the other way round by far, an accented letter there
/// being a lone high byte, and one that pairs up with the next byte (`É` and
/// a no-break space) rare.
fn mostly_utf8(head: &[u8], at_eof: bool) -> bool {
    let (multibyte, malformed) = utf8_evidence(head, at_eof);
    multibyte > 0 && malformed <= multibyte * 4
}

/// Well-formed multi-byte characters and malformed sequences in `head`, read
/// as UTF-8 (a character cut off by the end of a partial chunk is neither).
fn utf8_evidence(head: &[u8], at_eof: bool) -> (usize, usize) {
    let (mut multibyte, mut malformed) = (0usize, 0usize);
    let mut rest = head;
    loop {
        let (valid, error) = match std::str::from_utf8(rest) {
            Ok(valid) => (valid.as_bytes(), None),
            Err(e) => (&rest[..e.valid_up_to()], Some(e)),
        };
        // Each multi-byte character has exactly one lead byte, 0xC2 or above.
        multibyte += valid.iter().filter(|&&b| b >= 0xC0).count();
        let Some(error) = error else { break };
        match error.error_len() {
            Some(len) => {
                malformed += 1;
                rest = &rest[error.valid_up_to() + len..];
            }
            // Cut off by the end of the chunk: malformed only if nothing follows.
            None => {
                malformed += usize::from(at_eof);
                break;
            }
        }
    }
    (multibyte, malformed)
}

/// Whether `head` (a partial chunk) says too little to choose between UTF-8
/// and a legacy encoding: it is not UTF-8, but its only non-ASCII bytes are a
/// few stray ones, with no multi-byte character either way. The caller reads
/// further before deciding: a pasted Windows apostrophe in the first rows
/// must not make every UTF-8 name after them mojibake.
pub(super) fn undecided(head: &[u8], forced: Option<&'static Encoding>) -> bool {
    if forced.is_some() || Encoding::for_bom(head).is_some() || utf16_without_bom(head).is_some() {
        return false;
    }
    let (multibyte, malformed) = utf8_evidence(head, false);
    multibyte == 0 && (1..=8).contains(&malformed)
}

/// A rejects file csv2dto wrote (it starts `_line,_errors`): always UTF-8,
/// whatever stray bytes its rows kept.
fn is_rejects_file(head: &[u8]) -> bool {
    head.strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .unwrap_or(head)
        .starts_with(b"_line,_errors")
}

/// UTF-16 without a BOM shows as NUL bytes in every other position (the high
/// byte of ASCII characters): most even-indexed bytes NUL and no odd-indexed
/// ones means big-endian, and the reverse little-endian.
fn utf16_without_bom(head: &[u8]) -> Option<&'static Encoding> {
    let units = &head[..head.len().min(4096) & !1];
    if units.len() < 4 || !units.contains(&0) {
        return None;
    }
    let (mut nul_high, mut nul_low) = (0, 0);
    for pair in units.chunks_exact(2) {
        match (pair[0], pair[1]) {
            (0, 0) => return None,
            (0, _) => nul_low += 1,
            (_, 0) => nul_high += 1,
            _ => {}
        }
    }
    let pairs = units.len() / 2;
    if nul_high * 10 >= pairs * 7 && nul_low == 0 {
        Some(UTF_16LE)
    } else if nul_low * 10 >= pairs * 7 && nul_high == 0 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Whether `head` is well-formed in `encoding`, so a guess that does not even
/// fit the bytes is not used.
fn decodes_cleanly(encoding: &'static Encoding, head: &[u8], at_eof: bool) -> bool {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = vec![0; 16 * 1024];
    let mut rest = head;
    loop {
        let (result, read, _) = decoder.decode_to_utf8_without_replacement(rest, &mut out, at_eof);
        rest = &rest[read..];
        match result {
            encoding_rs::DecoderResult::InputEmpty => return true,
            encoding_rs::DecoderResult::OutputFull => {}
            encoding_rs::DecoderResult::Malformed(..) => return false,
        }
    }
}

/// Decodes the peeked chunk (BOM already cut off) for delimiter sniffing; a
/// character cut by the chunk end is left out rather than replaced.
pub(super) fn decode_sample(encoding: &'static Encoding, bytes: &[u8], at_eof: bool) -> String {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length(bytes.len())
        .unwrap_or(bytes.len() * 3);
    let mut sample = String::with_capacity(capacity);
    let _ = decoder.decode_to_string(bytes, &mut sample, at_eof);
    sample
}

/// Size of each of the transcoder's two buffers.
const TRANSCODE_BUF: usize = 32 * 1024;

/// Streams `inner` (in `encoding`, BOM already removed) out as UTF-8;
/// malformed input becomes U+FFFD so a row with a bad byte still parses and
/// the caller can flag it.
pub(super) struct Transcoder<R> {
    inner: R,
    decoder: Decoder,
    input: Box<[u8]>,
    in_start: usize,
    in_end: usize,
    in_eof: bool,
    output: Vec<u8>,
    out_start: usize,
    out_end: usize,
    done: bool,
    /// A single-byte encoding: its bytes that name no character (0x81 in
    /// windows-1252, 0x80-0x9F in ISO 8859) decode to C1 control characters,
    /// which are turned into U+FFFD, as other undecodable bytes are.
    c1_is_undecodable: bool,
}

impl<R: Read> Transcoder<R> {
    pub(super) fn new(inner: R, encoding: &'static Encoding) -> Self {
        Transcoder {
            inner,
            decoder: encoding.new_decoder_without_bom_handling(),
            input: vec![0; TRANSCODE_BUF].into_boxed_slice(),
            in_start: 0,
            in_end: 0,
            in_eof: false,
            output: vec![0; TRANSCODE_BUF],
            out_start: 0,
            out_end: 0,
            done: false,
            c1_is_undecodable: encoding.is_single_byte(),
        }
    }
}

impl<R: Read> Read for Transcoder<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            if self.out_start < self.out_end {
                let n = buf.len().min(self.out_end - self.out_start);
                buf[..n].copy_from_slice(&self.output[self.out_start..self.out_start + n]);
                self.out_start += n;
                return Ok(n);
            }
            if self.done {
                return Ok(0);
            }
            if self.in_start == self.in_end && !self.in_eof {
                let n = self.inner.read(&mut self.input)?;
                self.in_start = 0;
                self.in_end = n;
                self.in_eof = n == 0;
            }
            self.output.resize(TRANSCODE_BUF, 0);
            let (result, read, written, _) = self.decoder.decode_to_utf8(
                &self.input[self.in_start..self.in_end],
                &mut self.output,
                self.in_eof,
            );
            self.in_start += read;
            self.out_start = 0;
            self.out_end = written;
            if self.c1_is_undecodable {
                self.out_end = replace_c1(&mut self.output, written);
            }
            // With `last` set, InputEmpty means the decoder flushed too.
            self.done = self.in_eof && result == CoderResult::InputEmpty;
        }
    }
}

/// Replaces each C1 control character (U+0080-U+009F, `C2 80`-`C2 9F` in
/// UTF-8) in `out[..len]` with U+FFFD; returns the new length. Rare: the
/// common chunk is only scanned.
fn replace_c1(out: &mut Vec<u8>, len: usize) -> usize {
    let is_c1 = |w: &[u8]| w[0] == 0xC2 && (0x80..=0x9F).contains(&w[1]);
    if !out[..len].windows(2).any(is_c1) {
        return len;
    }
    let mut fixed = Vec::with_capacity(len + len / 2);
    let mut i = 0;
    while i < len {
        if i + 1 < len && is_c1(&out[i..i + 2]) {
            fixed.extend_from_slice("\u{FFFD}".as_bytes());
            i += 2;
        } else {
            fixed.push(out[i]);
            i += 1;
        }
    }
    let n = fixed.len();
    *out = fixed;
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_a_single_byte_encoding_leaves_undefined_are_undecodable() {
        // Audit 8: 0x81 (`ü` in a DOS export) passed into names as the
        // invisible control character U+0081.
        let mut out = String::new();
        Transcoder::new(&b"M\x81ller,Caf\xE9,\x9D"[..], WINDOWS_1252)
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, "M\u{FFFD}ller,Café,\u{FFFD}");
        // In ISO 8859-1 (latin1 is windows-1252 to the WHATWG), and one byte a read.
        let mut out = String::new();
        Transcoder::new(Trickle(b"a\x85b"), encoding_rs::ISO_8859_2)
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, "a\u{FFFD}b");
    }

    /// Hands out one byte per read, to cut every multi-byte sequence.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let Some((&first, rest)) = self.0.split_first() else {
                return Ok(0);
            };
            buf[0] = first;
            self.0 = rest;
            Ok(1)
        }
    }

    fn utf16le(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    #[test]
    fn transcodes_across_one_byte_reads() {
        let text = "name\tcity\nMüller\tZürich\n😀\t東京\n";
        let mut out = String::new();
        Transcoder::new(Trickle(&utf16le(text)), UTF_16LE)
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, text);
    }

    #[test]
    fn transcodes_into_one_byte_buffers() {
        let mut reader = Transcoder::new(&b"Jos\xE9"[..], WINDOWS_1252);
        let mut out = Vec::new();
        let mut byte = [0];
        while reader.read(&mut byte).unwrap() == 1 {
            out.push(byte[0]);
        }
        assert_eq!(out, "José".as_bytes());
    }

    #[test]
    fn truncated_input_ends_in_a_replacement_character() {
        let mut out = String::new();
        Transcoder::new(&b"a\x00b"[..], UTF_16LE)
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, "a\u{FFFD}");
    }

    #[test]
    fn labels() {
        assert_eq!(parse_encoding_label("latin1").unwrap(), WINDOWS_1252);
        assert_eq!(parse_encoding_label("UTF-16LE").unwrap(), UTF_16LE);
        assert_eq!(parse_encoding_label(" utf8 ").unwrap(), UTF_8);
        assert_eq!(
            parse_encoding_label("cp1250").unwrap().name(),
            "windows-1250"
        );
        for bad in ["klingon", "", "iso-2022-kr"] {
            assert!(
                matches!(
                    parse_encoding_label(bad),
                    Err(InputError::UnknownEncoding { .. })
                ),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn utf8_cut_at_the_chunk_end_is_still_utf8() {
        let head = "abc,é".as_bytes();
        let cut = &head[..head.len() - 1];
        assert_eq!(detect(cut, false, None).encoding, UTF_8);
        assert_eq!(detect(cut, false, None).source, EncodingSource::Detected);
        // At the end of the input the same bytes are not UTF-8.
        assert_ne!(detect(cut, true, None).encoding, UTF_8);
    }

    #[test]
    fn a_stray_byte_in_utf8_text_keeps_it_utf8() {
        // One byte that is not UTF-8 among accented names: still UTF-8, so only
        // that row is rejected, not every name turned into mojibake.
        let head = b"number,name\n+1,J\xC3\xBCrgen M\xC3\xBCller\n+2,Bad\xFFByte\n+3,Zo\xC3\xAB\n";
        for at_eof in [true, false] {
            let d = detect(head, at_eof, None);
            assert_eq!((d.encoding, d.source), (UTF_8, EncodingSource::Detected));
        }
        // Up to four stray bytes a character: still UTF-8 (pasted Windows
        // apostrophes in a few names among fewer accented ones).
        assert_eq!(
            detect(
                b"a,Zo\xC3\xAB\nb,O\x92Brien\nc,O\x92Neill\nd,O\x92Hara\ne,D\x92Arcy\n",
                true,
                None
            )
            .encoding,
            UTF_8
        );
        // Five is legacy text.
        assert_eq!(
            detect(b"a,M\xC3\xBCller\nb,\xFF\xFE\xE9\xE8\xE7\n", true, None).encoding,
            WINDOWS_1252
        );
        // A rejects file fed back is csv2dto's own: UTF-8, whatever its rows hold.
        assert_eq!(
            detect(
                b"_line,_errors,name\n3,\"name:invalid_utf8: ...\",Bad\xFFByte\n",
                true,
                None
            )
            .encoding,
            UTF_8
        );
    }

    #[test]
    fn legacy_text_is_not_taken_for_utf8() {
        // Windows-1252 names: each accented letter is a lone high byte, and a
        // pair that happens to be UTF-8 (`É` and a no-break space, U+0260) is
        // outvoted.
        let names = b"name\nJos\xE9\nCl\xE9ment\nFran\xE7ois\nM\xFCller\nRen\xE9e\n\
                      Ana\xEFs\nNo\xEBl\nJOS\xC9\xA0GARC\xCDA\n";
        for at_eof in [true, false] {
            let d = detect(names, at_eof, None);
            assert_ne!(d.encoding, UTF_8, "at_eof {at_eof}");
        }
        // Nothing but a stray byte says nothing about UTF-8: legacy, as before.
        assert_ne!(detect(b"name\nBad\xFFByte\n", true, None).encoding, UTF_8);
    }

    #[test]
    fn ascii_is_assumed_utf8() {
        let detection = detect(b"name,phone\n", true, None);
        assert_eq!(detection.encoding, UTF_8);
        assert_eq!(detection.source, EncodingSource::Assumed);
    }

    #[test]
    fn utf16_without_bom_by_nul_pattern() {
        let text = "name,phone\nBob,1\n";
        assert_eq!(detect(&utf16le(text), true, None).encoding, UTF_16LE);
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(detect(&be, true, None).encoding, UTF_16BE);
    }

    #[test]
    fn a_bom_or_a_rejects_file_wins_over_the_encoding_option() {
        // Audit 8: `--encoding windows-1252`, kept on the command line for a
        // legacy export, garbled the UTF-8 rejects file fed back (`JosÃ©`),
        // and a UTF-8 file with a BOM, though the README says the BOM wins.
        let d = detect(b"\xFF\xFEa\x00", true, Some(UTF_16LE));
        assert_eq!(
            (d.encoding, d.source, d.bom_len),
            (UTF_16LE, EncodingSource::Bom, 2)
        );
        let d = detect(b"\xEF\xBB\xBFa", true, Some(WINDOWS_1252));
        assert_eq!(
            (d.encoding, d.source, d.bom_len),
            (UTF_8, EncodingSource::Bom, 3)
        );
        let d = detect(b"\xFF\xFEa\x00", true, Some(WINDOWS_1252));
        assert_eq!((d.encoding, d.bom_len), (UTF_16LE, 2));
        let rejects = b"_line,_errors,phone,name\n2,x,12,Jos\xC3\xA9\n";
        for forced in [None, Some(WINDOWS_1252)] {
            let d = detect(rejects, true, forced);
            assert_eq!((d.encoding, d.source), (UTF_8, EncodingSource::RejectsFile));
            // As --rejects-excel-safe writes it, with a BOM.
            let bom = [b"\xEF\xBB\xBF".as_slice(), rejects].concat();
            let d = detect(&bom, true, forced);
            assert_eq!((d.source, d.bom_len), (EncodingSource::RejectsFile, 3));
        }
        let d = detect(b"phone,name\n12,Jos\xE9\n", true, Some(WINDOWS_1252));
        assert_eq!(
            (d.encoding, d.source, d.bom_len),
            (WINDOWS_1252, EncodingSource::Option, 0)
        );
    }
}

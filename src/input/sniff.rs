//! Delimiter choice: the `--delimiter` value, a tab-separated file name, or a
//! quote-aware look at the first records of the peeked chunk.

use std::path::Path;

use super::InputError;

/// The delimiters sniffing chooses among, in tie-breaking order.
const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];

/// How many records of the peeked chunk sniffing looks at.
const MAX_RECORDS: usize = 20;

/// Parses a `--delimiter` value: `,`, `;`, `|`, `tab` or `\t` (also the names
/// `comma`, `semicolon`, `pipe`), or any other single ASCII byte except the
/// quote and line-break characters, which the CSV parser reserves.
pub fn parse_delimiter(s: &str) -> Result<u8, InputError> {
    let named = [
        ("tab", b'\t'),
        ("\\t", b'\t'),
        ("comma", b','),
        ("semicolon", b';'),
        ("pipe", b'|'),
    ];
    if let Some(&(_, byte)) = named.iter().find(|(name, _)| s.eq_ignore_ascii_case(name)) {
        return Ok(byte);
    }
    match s.as_bytes() {
        [byte] if byte.is_ascii() && !matches!(byte, b'"' | b'\n' | b'\r') => Ok(*byte),
        _ => Err(InputError::InvalidDelimiter {
            value: s.to_owned(),
        }),
    }
}

/// Tab when the file name says tab-separated (`.tsv`, `.tab`, also under a
/// `.gz`/`.zst` suffix); such exports often hold a single column of text with
/// commas in it, which sniffing would misread.
pub(super) fn delimiter_from_name(path: &Path) -> Option<u8> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    let name = [".gz", ".zst", ".zstd"]
        .iter()
        .find_map(|suffix| name.strip_suffix(suffix))
        .unwrap_or(&name);
    (name.ends_with(".tsv") || name.ends_with(".tab")).then_some(b'\t')
}

/// Picks the candidate delimiter on which the most records agree with the
/// header's field count, which must be greater than one; ties go to the
/// larger field count, then to the order `,` `;` tab `|`. `None` when no
/// candidate splits the header (a single-column file). `at_eof` says the
/// sample is the whole input, so its last record is complete even without a
/// line break. (The header decides, not the most common count: in a short
/// `;` file whose quoted cells hold commas and line breaks, the lines split
/// on `,` agreed as often as the records split on `;`.)
pub(super) fn sniff(sample: &[u8], at_eof: bool) -> Option<u8> {
    let mut best: Option<(u8, (usize, usize))> = None;
    for delimiter in CANDIDATES {
        let Some(score) = score(&field_counts(sample, delimiter, at_eof)) else {
            continue;
        };
        if best.is_none_or(|(_, best_score)| score > best_score) {
            best = Some((delimiter, score));
        }
    }
    best.map(|(delimiter, _)| delimiter)
}

/// (records agreeing with the header's field count, that field count), or
/// `None` when the header is one field.
fn score(counts: &[usize]) -> Option<(usize, usize)> {
    let header = *counts.first()?;
    let agreeing = counts.iter().filter(|&&other| other == header).count();
    (header > 1).then_some((agreeing, header))
}

/// Field counts of the first records of `sample` when split on `delimiter`,
/// following the csv crate's quoting: a quote opens a quoted field only at the
/// start of a field, `""` inside it is a literal quote, and quoted fields may
/// span lines. Empty lines are skipped like the parser does; a record cut off
/// by the end of a partial sample is left out.
fn field_counts(sample: &[u8], delimiter: u8, at_eof: bool) -> Vec<usize> {
    let mut counts = Vec::new();
    let mut fields = 1;
    let mut in_quotes = false;
    let mut field_start = true;
    let mut empty_line = true;
    let mut i = 0;
    while i < sample.len() && counts.len() < MAX_RECORDS {
        let byte = sample[i];
        i += 1;
        if in_quotes {
            if byte == b'"' {
                if sample.get(i) == Some(&b'"') {
                    i += 1;
                } else {
                    in_quotes = false;
                }
            }
        } else if byte == b'\n' || byte == b'\r' {
            if !empty_line {
                counts.push(fields);
            }
            fields = 1;
            field_start = true;
            empty_line = true;
            continue;
        } else if byte == delimiter {
            fields += 1;
            field_start = true;
            empty_line = false;
            continue;
        } else if byte == b'"' && field_start {
            in_quotes = true;
        }
        field_start = false;
        empty_line = false;
    }
    if at_eof && i == sample.len() && !empty_line && counts.len() < MAX_RECORDS {
        counts.push(fields);
    }
    counts
}

/// The delimiter of Excel's `sep=;` first line (`sep=X` then a line
/// break, X one ASCII character), which tells Excel the file's delimiter.
pub fn sep_line(body: &[u8]) -> Option<u8> {
    match body.strip_prefix(b"sep=")? {
        [d, b'\r' | b'\n', ..] if d.is_ascii() && !matches!(d, b'\r' | b'\n' | b'"') => Some(*d),
        _ => None,
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_header_decides_when_quoted_cells_hold_commas_and_line_breaks() {
        // Audit 10: a short `;` (tab, `|`) file whose quoted cells hold commas
        // and line breaks was sniffed as `,` and refused as a whole.
        for d in [b';', b'\t', b'|'] {
            let d = d as char;
            let plain =
                format!("number{d}address\n+14155550100{d}\"1 Main St,\nSpringfield, IL\"\n");
            let quoted = format!(
                "\"number\"{d}\"address\"\n\"+14155550100\"{d}\"1 Main St,\nSpringfield, IL\"\n"
            );
            for sample in [plain, quoted] {
                assert_eq!(sniff(sample.as_bytes(), true), Some(d as u8), "{sample:?}");
            }
        }
    }

    #[test]
    fn excels_sep_line() {
        assert_eq!(sep_line(b"sep=;\r\nphone;name\n"), Some(b';'));
        assert_eq!(sep_line(b"sep=|\nphone|name\n"), Some(b'|'));
        assert_eq!(sep_line(b"sep=\t\n"), Some(b'\t'));
        for not in [
            &b"sep=;;\n"[..],
            b"sep=",
            b"sep=;",
            b"sepx=;\n",
            b"phone,name\n",
        ] {
            assert_eq!(sep_line(not), None, "{}", String::from_utf8_lossy(not));
        }
    }
    use super::*;

    #[test]
    fn semicolon_export_with_commas_in_quoted_fields() {
        // Naively, commas split every record in two as well, and win the tie.
        let sample = b"\"Last, First\";\"Phone\"\n\"Doe, Jane\";\"1\"\n\"Roe, Al\";\"2\"\n";
        assert_eq!(sniff(sample, true), Some(b';'));
    }

    #[test]
    fn quoted_semicolon_in_a_comma_file() {
        // Naively, semicolons give three fields per record against two.
        let sample = b"\"tags;groups;lists\",phone\n\"a;b;c\",1\n\"d;e;f\",2\n";
        assert_eq!(sniff(sample, true), Some(b','));
    }

    #[test]
    fn quoted_field_spanning_lines_is_one_record() {
        // Counting raw lines, the second line would have one field and the
        // third two commas; quote-aware, every record has three fields.
        let sample = b"a|b|c\n1|\"two\nlines, with, commas\"|3\n4|5|6\n";
        assert_eq!(field_counts(sample, b'|', true), vec![3, 3, 3]);
        assert_eq!(sniff(sample, true), Some(b'|'));
    }

    #[test]
    fn escaped_quotes_stay_inside_the_field() {
        let sample = b"a,b\n\"say \"\"hi, there\"\"\",2\n";
        assert_eq!(field_counts(sample, b',', true), vec![2, 2]);
    }

    #[test]
    fn tab_wins_over_rarer_commas() {
        let sample = b"name\tphone\tnote\nBob\t1\thello, world\nAl\t2\tx\n";
        assert_eq!(sniff(sample, true), Some(b'\t'));
    }

    #[test]
    fn ragged_rows_still_pick_the_common_count() {
        let sample = b"a,b,c\n1,2,3\n4,5,6,7\n8,9,10\n";
        assert_eq!(sniff(sample, true), Some(b','));
    }

    #[test]
    fn single_column_finds_nothing() {
        assert_eq!(sniff(b"phone\n+15551234567\n+15557654321\n", true), None);
        assert_eq!(sniff(b"", true), None);
    }

    #[test]
    fn cut_off_last_record_is_ignored_in_a_partial_sample() {
        let sample = b"a;b\n1;2\n3;4\n5";
        assert_eq!(field_counts(sample, b';', false), vec![2, 2, 2]);
        assert_eq!(field_counts(sample, b';', true), vec![2, 2, 2, 1]);
    }

    #[test]
    fn crlf_and_blank_lines() {
        let sample = b"a,b\r\n\r\n1,2\r\n3,4\r\n";
        assert_eq!(field_counts(sample, b',', true), vec![2, 2, 2]);
    }

    #[test]
    fn tab_separated_names() {
        for name in ["x.tsv", "X.TSV", "x.tab", "dir/x.tsv.gz", "x.tsv.zst"] {
            assert_eq!(delimiter_from_name(Path::new(name)), Some(b'\t'), "{name}");
        }
        for name in ["x.csv", "x.csv.gz", "tsv", "x.tsv.bak"] {
            assert_eq!(delimiter_from_name(Path::new(name)), None, "{name}");
        }
    }

    #[test]
    fn delimiter_values() {
        assert_eq!(parse_delimiter(",").unwrap(), b',');
        assert_eq!(parse_delimiter(";").unwrap(), b';');
        assert_eq!(parse_delimiter("|").unwrap(), b'|');
        assert_eq!(parse_delimiter("tab").unwrap(), b'\t');
        assert_eq!(parse_delimiter("TAB").unwrap(), b'\t');
        assert_eq!(parse_delimiter("\\t").unwrap(), b'\t');
        assert_eq!(parse_delimiter("\t").unwrap(), b'\t');
        assert_eq!(parse_delimiter(":").unwrap(), b':');
        for bad in ["", ",,", "\"", "\n", "é", "§"] {
            assert!(
                matches!(
                    parse_delimiter(bad),
                    Err(InputError::InvalidDelimiter { .. })
                ),
                "{bad:?}"
            );
        }
    }
}

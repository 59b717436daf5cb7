//! Files as people really export them: duplicates, warnings (issue 3).

use crate::harness::{code, stderr, Workdir};

#[test]
fn dedupe_keeps_the_first_row_and_names_its_line() {
    let w = Workdir::new();
    w.write("in.csv", "number,email\n+14155550100,a@x.io\n+1 415 555 0100,b@x.io\n+14155550101,A@X.io\n+14155550102,a@x.io\n");
    let o = w.convert("in.csv", &["--phone-check", "format", "--dedupe", "number"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(w.jsonl("out.jsonl").len(), 3);
    let rows = w.csv_rows("rejects.csv");
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1][0], "3");
    assert_eq!(
        rows[1][1],
        "number:duplicate: same number as line 2, which was kept"
    );
    // Email keys compare case-insensitively; composite keys need every field equal.
    let o = w.convert("in.csv", &["--phone-check", "format", "--dedupe", "email"]);
    assert_eq!(code(&o), 0);
    let lines: Vec<String> = w.csv_rows("rejects.csv")[1..]
        .iter()
        .map(|r| r[0].clone())
        .collect();
    assert_eq!(lines, vec!["4", "5"]);
    // Named by the columns as the file spells them, like every other reason
    // (`Tel,E-Mail` gave `number+email:duplicate`).
    w.write(
        "de.csv",
        "Tel,E-Mail\n+14155550100,a@x.io\n+14155550100,A@x.io\n",
    );
    let o = w.convert(
        "de.csv",
        &["--phone-check", "format", "--dedupe", "number,email"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        w.csv_rows("rejects.csv")[1][1],
        "Tel+E-Mail:duplicate: same Tel+E-Mail as line 2, which was kept"
    );
    // The extension is part of the number's key, so its column is named too.
    w.write(
        "ext.csv",
        "Phone,Ext\n+12125550160,12\n+1 212 555 0160,ext. 12\n",
    );
    let o = w.convert(
        "ext.csv",
        &["--phone-check", "format", "--dedupe", "number"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        w.csv_rows("rejects.csv")[1][1],
        "Phone+Ext:duplicate: same Phone+Ext as line 2, which was kept"
    );
    let o = w.convert(
        "in.csv",
        &["--phone-check", "format", "--dedupe", "number,email"],
    );
    assert_eq!(code(&o), 0);
    assert_eq!(w.csv_rows("rejects.csv").len(), 1, "no row repeats both");
    assert_eq!(code(&w.convert("in.csv", &["--dedupe", "phone"])), 2);
}

#[test]
fn a_duplicate_fed_back_with_dedupe_is_rejected_again_unless_its_errors_are_emptied() {
    // Audit 8: fed back, the rejected duplicate came out valid, so the
    // customer was in both runs' output and would be called twice.
    let w = Workdir::new();
    w.write(
        "in.csv",
        "phone,name\n+14155550100,Ana\n+1 415 555 0100,Ana again\n12,Bad\n",
    );
    let dedupe = ["--phone-check", "format", "--dedupe", "number"];
    assert_eq!(code(&w.convert("in.csv", &dedupe)), 0);
    let fixed = w.read("rejects.csv").replace(",12,", ",+14155550199,");
    w.write("fixed.csv", &fixed);
    let o = w.convert("fixed.csv", &dedupe);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = w.jsonl("out.jsonl");
    assert_eq!(out.len(), 1, "only the fixed row");
    assert_eq!(out[0]["name"], "Bad");
    let rows = w.csv_rows("rejects.csv");
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1][0], "2", "its line in the fed-back file");
    assert!(
        rows[1][1].starts_with("phone:duplicate: rejected as a duplicate in the run that wrote this file (same phone as line 2, which was kept)"),
        "{:?}",
        rows[1]
    );
    // Emptied, the cell no longer says so: the person decided to send it.
    let sent = "_line,_errors,phone,name\n3,,+1 415 555 0100,Ana again\n";
    w.write("sent.csv", sent);
    let o = w.convert("sent.csv", &dedupe);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(w.jsonl("out.jsonl").len(), 1, "{}", w.read("rejects.csv"));
    // Without --dedupe, a repeat is the run's choice, as in the first run.
    let o = w.convert("fixed.csv", &["--phone-check", "format"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(w.jsonl("out.jsonl").len(), 2);
}

#[test]
fn without_dedupe_duplicates_pass_and_are_counted_as_warnings() {
    let w = Workdir::new();
    w.write("in.csv", "number,email,account tier\n+14155550100,ana@example.com,gold\n+14155550100,not-an-email,\n");
    let o = w.convert(
        "in.csv",
        &[
            "--phone-check",
            "format",
            "--summary-json",
            "s.json",
            "--warnings",
            "warn.csv",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(w.jsonl("out.jsonl").len(), 2);
    let s: serde_json::Value = serde_json::from_str(&w.read("s.json")).unwrap();
    assert_eq!(
        s["warnings"],
        serde_json::json!({"duplicate": 1, "email_syntax": 1, "variable_name_has_space": 1})
    );
    assert_eq!(s["warning_first_line"]["duplicate"], 3);
    assert_eq!(s["warning_first_line"]["variable_name_has_space"], 1);
    let rows = w.csv_rows("warn.csv");
    assert_eq!(
        rows[0],
        vec!["_line", "_warnings", "number", "email", "account tier"]
    );
    assert_eq!(rows.len(), 2);
    assert!(
        rows[1][1].contains("email:email_syntax:")
            && rows[1][1].contains("number:duplicate: same number as line 2"),
        "{}",
        rows[1][1]
    );
}

#[test]
fn a_warnings_file_feeds_back_in_like_a_rejects_file() {
    let w = Workdir::new();
    w.write("in.csv", "_line,_warnings,number\n3,x,+14155550100\n");
    let o = w.convert("in.csv", &["--phone-check", "format"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(w.read("out.jsonl"), "{\"number\":\"+14155550100\"}\n");
}

fn summary(w: &Workdir) -> serde_json::Value {
    serde_json::from_str(&w.read("s.json")).unwrap()
}

fn gzip(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

#[test]
fn excel_utf8_with_bom_and_crlf() {
    let w = Workdir::new();
    w.write(
        "in.csv",
        b"\xEF\xBB\xBFphone,name\r\n+14155550100,Ana\r\n+14155550101,Bo\r\n",
    );
    let o = w.convert(
        "in.csv",
        &["--phone-check", "format", "--summary-json", "s.json"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        w.jsonl("out.jsonl").len(),
        2,
        "the BOM must not hide the phone column"
    );
    assert_eq!(summary(&w)["encoding"], "UTF-8");
    assert_eq!(summary(&w)["encoding_source"], "bom");
}

#[test]
fn windows_1252_names_are_transcoded_and_the_encoding_reported() {
    let w = Workdir::new();
    w.write(
        "in.csv",
        b"number;name\n+4930123456;M\xfcller\n+4930123457;Jos\xe9\n",
    );
    let o = w.convert(
        "in.csv",
        &["--phone-check", "format", "--summary-json", "s.json"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let names: Vec<String> = w
        .jsonl("out.jsonl")
        .iter()
        .map(|v| v["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, vec!["Müller", "José"]);
    assert_eq!(summary(&w)["encoding"], "windows-1252");
    assert_eq!(summary(&w)["delimiter"], ";");
    assert_eq!(summary(&w)["delimiter_source"], "sniffed");
}

#[test]
fn excel_unicode_text_export_utf16le_with_tabs() {
    let w = Workdir::new();
    let text = "Phone Number\tFull Name\r\n+14155550100\tZoë Ω\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    w.write("export.txt", bytes);
    let o = w.convert(
        "export.txt",
        &["--phone-check", "format", "--summary-json", "s.json"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        w.read("out.jsonl"),
        "{\"number\":\"+14155550100\",\"name\":\"Zoë Ω\"}\n"
    );
    assert_eq!(summary(&w)["encoding"], "UTF-16LE");
    assert_eq!(summary(&w)["delimiter"], "tab");
}

#[test]
fn a_lone_surrogate_in_utf16_rejects_its_row_instead_of_passing_as_a_replacement_character() {
    // The decoder shows it as U+FFFD; that must not reach the JSONL as a name.
    let w = Workdir::new();
    let mut units: Vec<u16> = "number\tname\r\n+14155550100\tAnn".encode_utf16().collect();
    units.push(0xD800);
    units.extend("\r\n+14155550101\tZoë\r\n".encode_utf16());
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(units.iter().flat_map(|u| u.to_le_bytes()));
    w.write("export.txt", bytes);
    let o = w.convert("export.txt", &["--phone-check", "format"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        w.read("out.jsonl"),
        "{\"number\":\"+14155550101\",\"name\":\"Zoë\"}\n"
    );
    let rows = w.csv_rows("rejects.csv");
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[1][0], "2");
    assert!(
        rows[1][1].starts_with("name:undecodable_text: ") && rows[1][1].contains("UTF-16LE"),
        "{rows:?}"
    );
    // Fed back unfixed, the U+FFFD the rejects file shows is still no name:
    // read as UTF-8 it is an ordinary character, and the row passed.
    std::fs::rename(w.path("rejects.csv"), w.path("again.csv")).unwrap();
    let o = w.convert("again.csv", &["--phone-check", "format"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(w.read("out.jsonl"), "");
    let rows = w.csv_rows("rejects.csv");
    assert!(
        rows[1][1].starts_with("name:undecodable_text: holds"),
        "{rows:?}"
    );
    // Fixed, it passes.
    w.write("fixed.csv", w.read("rejects.csv").replace('\u{FFFD}', "i"));
    let o = w.convert("fixed.csv", &["--phone-check", "format"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        w.read("out.jsonl"),
        "{\"number\":\"+14155550100\",\"name\":\"Anni\"}\n"
    );
}

#[test]
fn encoding_and_delimiter_options_override_detection() {
    let w = Workdir::new();
    w.write("in.csv", b"number|name\n+14155550100|Ren\xe9e\n");
    let o = w.convert(
        "in.csv",
        &[
            "--phone-check",
            "format",
            "--encoding",
            "latin1",
            "--delimiter",
            "|",
            "--summary-json",
            "s.json",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(w.jsonl("out.jsonl")[0]["name"], "Renée");
    assert_eq!(summary(&w)["encoding_source"], "option");
    assert_eq!(code(&w.convert("in.csv", &["--encoding", "klingon"])), 2);
}

#[test]
fn multi_member_gzip_input_yields_every_row_and_gz_output_is_compressed() {
    let w = Workdir::new();
    let mut data = gzip(b"number,name\n+14155550100,A\n");
    data.extend(gzip(b"+14155550101,B\n+14155550102,C\n"));
    w.write("in.csv", data);
    let o = w
        .cmd()
        .args([
            "convert",
            "in.csv",
            "-o",
            "out.jsonl.gz",
            "-r",
            "rejects.csv",
            "-q",
            "--phone-check",
            "format",
        ])
        .args(["--summary-json", "s.json"])
        .output()
        .unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let mut text = String::new();
    use std::io::Read;
    flate2::read::MultiGzDecoder::new(std::fs::File::open(w.path("out.jsonl.gz")).unwrap())
        .read_to_string(&mut text)
        .unwrap();
    assert_eq!(
        text.lines().count(),
        3,
        "rows of the second gzip member are there"
    );
    assert_eq!(summary(&w)["compression"], "gzip");
}

#[test]
fn zstd_input_is_detected_by_magic_bytes() {
    let w = Workdir::new();
    let data = zstd::encode_all(&b"number\n+14155550100\n"[..], 3).unwrap();
    w.write("list.data", data);
    let o = w.convert("list.data", &["--phone-check", "format"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(w.read("out.jsonl"), "{\"number\":\"+14155550100\"}\n");
}

#[test]
fn a_stray_byte_near_the_start_of_a_utf8_file_rejects_its_row_and_garbles_no_name() {
    // Within the first 64 KiB, where the encoding is decided. It used to make
    // the whole file Windows-1252: every name mojibake, the bad row valid.
    let w = Workdir::new();
    w.write(
        "in.csv",
        b"number,name\n+14155550100,J\xc3\xbcrgen M\xc3\xbcller\n\
          +14155550101,Bad\xffByte\nabc,Zo\xc3\xab\n+14155550103,Ren\xc3\xa9e\n",
    );
    let o = w.convert("in.csv", &["--phone-check", "format"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let names: Vec<_> = w
        .jsonl("out.jsonl")
        .iter()
        .map(|c| c["name"].clone())
        .collect();
    assert_eq!(names, ["Jürgen Müller", "Renée"]);
    let text = String::from_utf8_lossy(&std::fs::read(w.path("rejects.csv")).unwrap()).into_owned();
    assert!(text.contains("name:invalid_utf8:"), "{text}");
    assert!(text.contains(",Zoë\n"), "{text}");

    // The rejects file, fed back as it is, reads the same way: the same two
    // rejects, names intact, nothing let through.
    std::fs::rename(w.path("rejects.csv"), w.path("again.csv")).unwrap();
    let o = w.convert("again.csv", &["--phone-check", "format"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(w.read("out.jsonl"), "");
    let again =
        String::from_utf8_lossy(&std::fs::read(w.path("rejects.csv")).unwrap()).into_owned();
    assert!(
        again.contains("name:invalid_utf8:") && again.contains(",Zoë\n"),
        "{again}"
    );
    assert_eq!(
        again.lines().count(),
        3,
        "a header and the two rows: {again}"
    );
}

#[test]
fn a_stray_byte_before_any_accent_does_not_decide_the_encoding_alone() {
    // One pasted Windows apostrophe in the first rows, UTF-8 names only past
    // the first 64 KiB: the reader looks further before choosing, so the
    // names stay intact and the apostrophe's row is the one rejected.
    let w = Workdir::new();
    let mut data = b"number,name\n+14155550000,Sean O\x92Brien\n".to_vec();
    for i in 1..4000 {
        data.extend(format!("+1415555{i:04},Customer {i}\n").bytes());
    }
    data.extend("+14155559999,José Müller\n".bytes());
    w.write("in.csv", &data);
    let o = w.convert(
        "in.csv",
        &["--phone-check", "format", "--summary-json", "s.json"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let names: Vec<_> = w
        .jsonl("out.jsonl")
        .iter()
        .map(|c| c["name"].clone())
        .collect();
    assert_eq!(names.last().unwrap(), "José Müller");
    assert_eq!(summary(&w)["encoding"], "UTF-8");
    assert_eq!(summary(&w)["reject_codes"]["invalid_utf8"], 1);
    // Its rejects file, fed back as it is, is still read as UTF-8: the row
    // stays rejected, not valid as `Sean OÆBrien`.
    std::fs::rename(w.path("rejects.csv"), w.path("again.csv")).unwrap();
    let o = w.convert("again.csv", &["--phone-check", "format"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(w.read("out.jsonl"), "");
}

#[test]
fn a_stray_invalid_byte_or_nul_rejects_only_its_row_and_keeps_the_raw_bytes() {
    let w = Workdir::new();
    let mut data = b"number,name\n".to_vec();
    for i in 0..3000 {
        data.extend(format!("+1415555{i:04},Name {i}\n").bytes());
    }
    data.extend(b"+14155559998,Bad\xff Byte\n+14155559999,Nul\0Byte\n+14155550000,Last\n");
    w.write("in.csv", &data);
    let o = w.convert("in.csv", &["--phone-check", "format"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(w.jsonl("out.jsonl").len(), 3001);
    let rejects = std::fs::read(w.path("rejects.csv")).unwrap();
    assert!(
        rejects.windows(9).any(|win| win == b"Bad\xff Byte"),
        "raw bytes kept"
    );
    let text = String::from_utf8_lossy(&rejects);
    assert!(
        text.contains("name:invalid_utf8:") && text.contains("name:nul_byte:"),
        "{text}"
    );
}

#[test]
fn rows_of_bare_delimiters_are_skipped_and_counted_like_blank_lines() {
    let w = Workdir::new();
    w.write("in.csv", "number,name,plan\n+14155550100,A,x\n,,\n\n,,\r\n");
    let o = w.convert(
        "in.csv",
        &["--phone-check", "format", "--summary-json", "s.json"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(summary(&w)["rows"], 1);
    assert_eq!(summary(&w)["blank_lines"], 3);
}

#[test]
fn invisible_characters_in_headers_are_ignored() {
    let w = Workdir::new();
    w.write(
        "in.csv",
        "\u{a0}Phone\u{200b},Name\u{a0}\n+14155550100,Ana\n",
    );
    let o = w.convert("in.csv", &["--phone-check", "format"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        w.read("out.jsonl"),
        "{\"number\":\"+14155550100\",\"name\":\"Ana\"}\n"
    );
}

#[test]
fn semicolon_export_with_german_numbers_and_default_region_de() {
    let w = Workdir::new();
    w.write(
        "kunden.csv",
        b"Telefon;Name;E-Mail\r\n089 1234 5678;J\xfcrgen M\xfcller;j@example.de\r\n+49 (0)30 123456;Anna Schmidt;a@example.de\r\n0049 30 123456;Dup;\r\n089 1;Kurz;\r\n",
    );
    let o = w.convert(
        "kunden.csv",
        &[
            "--default-region",
            "DE",
            "--map",
            "Telefon=number",
            "--summary-json",
            "s.json",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let numbers: Vec<String> = w
        .jsonl("out.jsonl")
        .iter()
        .map(|v| v["number"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(numbers, vec!["+498912345678", "+4930123456", "+4930123456"]);
    assert_eq!(w.jsonl("out.jsonl")[0]["name"], "Jürgen Müller");
    assert_eq!(summary(&w)["delimiter"], ";");
    assert_eq!(summary(&w)["warnings"]["duplicate"], 1);
    let rows = w.csv_rows("rejects.csv");
    assert!(
        rows[1][1].starts_with("Telefon:number_invalid:") && rows[1][1].contains("DE"),
        "{}",
        rows[1][1]
    );
}

#[test]
fn national_formats_need_a_region_from_the_flag_or_the_row() {
    let w = Workdir::new();
    w.write(
        "in.csv",
        "number,country\n(212) 555-0187,\n212.555.0143,\n020 7946 0958,GB\n+44 (0)20 7946 0321,\n011 44 20 7946 0958,\n",
    );
    let o = w.convert("in.csv", &[]);
    assert_eq!(code(&o), 0);
    let rejected: Vec<String> = w.csv_rows("rejects.csv")[1..]
        .iter()
        .map(|r| r[1].split(':').nth(1).unwrap().to_string())
        .collect();
    assert_eq!(
        rejected,
        vec!["number_not_e164", "number_not_e164", "number_not_e164"],
        "no region: national and 011 forms are refused"
    );
    let o = w.convert("in.csv", &["--default-region", "US"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let numbers: Vec<String> = w
        .jsonl("out.jsonl")
        .iter()
        .map(|v| v["number"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        numbers,
        vec![
            "+12125550187",
            "+12125550143",
            "+442079460958",
            "+442079460321",
            "+442079460958"
        ]
    );
}

#[test]
fn phone_check_levels() {
    let w = Workdir::new();
    // A possible but invalid US number, and a valid one.
    w.write("in.csv", "number\n+1 123 456 7890\n+1 212 555 0187\n");
    let valid = |extra: &[&str]| {
        let o = w.convert("in.csv", extra);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        w.jsonl("out.jsonl").len()
    };
    assert_eq!(valid(&[]), 1, "valid is the default");
    assert_eq!(valid(&["--phone-check", "possible"]), 2);
    assert_eq!(valid(&["--phone-check", "format"]), 2);
    assert!(w.read("rejects.csv").lines().count() == 1);
    let o = w.convert("in.csv", &[]);
    assert_eq!(code(&o), 0);
    assert!(w.read("rejects.csv").contains("number_invalid"));
}

#[test]
fn spreadsheet_damage_is_caught_never_repaired() {
    let w = Workdir::new();
    w.write(
        "in.csv",
        "number,ext\n'+12125550160,\n1.2125550199E10,\n2.12556E+10,\n212-555-0l19,\n+1 212 555 0111 ext. 7,\n+1 212 555 0112 x7,7\n+1 212 555 0113;ext=8,9\n+1 212 555 0114 #5,\n",
    );
    let o = w.convert("in.csv", &["--default-region", "US"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = w.jsonl("out.jsonl");
    assert_eq!(
        out[0]["number"], "+12125550160",
        "a leading apostrophe is stripped"
    );
    assert_eq!(
        (out[1]["number"].as_str(), out[1]["extension"].as_str()),
        (Some("+12125550111"), Some("7"))
    );
    assert_eq!(out[2]["extension"], "7", "the same extension twice is fine");
    assert_eq!(out[3]["extension"], "5");
    let codes: Vec<String> = w.csv_rows("rejects.csv")[1..]
        .iter()
        .map(|r| r[1].split(':').nth(1).unwrap().to_string())
        .collect();
    assert_eq!(
        codes,
        vec![
            "number_excel_scientific",
            "number_excel_scientific",
            "number_has_letters",
            "extension_conflict"
        ]
    );
    let rejects = w.read("rejects.csv");
    assert!(
        rejects.contains("Text"),
        "the message says to format the column as text: {rejects}"
    );
}

#[test]
fn an_extension_column_holds_keys_vapi_can_dial() {
    // `ext#12` and `extension:` once went out as written, letters and all.
    let w = Workdir::new();
    w.write(
        "in.csv",
        "number,Ext\n+12125550160,ext#12\n+12125550161,*72#\n+12125550162,extension:\n+12125550163,N/A\n+12125550164 x5,reception\n",
    );
    let o = w.convert("in.csv", &["--phone-check", "format"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = w.jsonl("out.jsonl");
    assert_eq!(out.len(), 2);
    assert_eq!(out[0]["extension"], "12");
    assert_eq!(out[1]["extension"], "*72#");
    let rejects = w.csv_rows("rejects.csv");
    let reasons: Vec<&str> = rejects[1..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(reasons.len(), 3, "{reasons:?}");
    for (reason, cell) in reasons.iter().zip(["extension:", "N/A", "reception"]) {
        assert!(
            reason.starts_with(&format!(
                "Ext:invalid_extension: \"{cell}\" is not an extension"
            )),
            "{reason}"
        );
        assert!(reason.contains("e.g. 123"), "{reason}");
    }
    // Fixed in the rejects file and fed back, the rows pass.
    let fixed = w
        .read("rejects.csv")
        .replace(",extension:", ",7")
        .replace(",N/A", ",")
        .replace(",reception", ",");
    w.write("fixed.csv", &fixed);
    let o = w.convert("fixed.csv", &["--phone-check", "format"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = w.jsonl("out.jsonl");
    assert_eq!(out.len(), 3, "{}", w.read("rejects.csv"));
    assert_eq!(out[0]["extension"], "7");
    assert_eq!(
        out[2]["extension"], "5",
        "the inline extension, the column emptied"
    );
}

#[test]
fn one_legacy_command_line_serves_the_export_and_its_rejects_fed_back() {
    // Audit 8: `--encoding windows-1252` read the UTF-8 rejects file fed
    // back, and a UTF-8 file with a BOM, as windows-1252 (`JosÃ©`); and
    // 0x81, no character in windows-1252, passed into a name as U+0081.
    let w = Workdir::new();
    w.write(
        "export.csv",
        b"Telefon,Name\r\n12,Jos\xe9\r\n+14155550101,M\x81ller\r\n",
    );
    let legacy = [
        "--encoding",
        "windows-1252",
        "--phone-check",
        "format",
        "--map",
        "Telefon=number",
    ];
    let o = w.convert("export.csv", &legacy);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let rejects = w.read("rejects.csv");
    assert!(rejects.contains(",12,José"), "{rejects}");
    assert!(rejects.contains("Name:undecodable_text"), "{rejects}");
    w.write("fixed.csv", rejects.replace(",12,", ",+14155550100,"));
    let o = w
        .cmd()
        .args([
            "convert",
            "fixed.csv",
            "-o",
            "out.jsonl",
            "-r",
            "rejects.csv",
        ])
        .args(legacy)
        .output()
        .unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(w.jsonl("out.jsonl")[0]["name"], "José");
    assert!(
        stderr(&o).contains("read as UTF-8 (rejects file)"),
        "{}",
        stderr(&o)
    );
    w.write(
        "bom.csv",
        b"\xef\xbb\xbfTelefon,name\n+14155550100,Jos\xc3\xa9\n",
    );
    let o = w.convert("bom.csv", &legacy);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(w.jsonl("out.jsonl")[0]["name"], "José");
}

#[test]
fn a_semicolon_command_line_serves_its_rejects_and_trailing_delimiters() {
    // Audit 8: rerun on its (comma-separated) rejects file, the same
    // `--delimiter ';'` command failed with "no column is named `Telefon`";
    // and `+14155550100;Ana;` under `Telefon;Name` was a ragged_row.
    let w = Workdir::new();
    w.write("in.csv", "Telefon;Name\n12;Ana;\n+14155550101;Bo;\n");
    let semi = [
        "--delimiter",
        ";",
        "--map",
        "Telefon=number",
        "--phone-check",
        "format",
    ];
    let o = w.convert("in.csv", &semi);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(w.jsonl("out.jsonl").len(), 1, "{}", w.read("rejects.csv"));
    assert!(w.read("rejects.csv").contains("number_not_e164"));
    w.write(
        "fixed.csv",
        w.read("rejects.csv").replace(",12,", ",+14155550100,"),
    );
    let mut with_summary = semi.to_vec();
    with_summary.extend(["--summary-json", "s.json"]);
    let o = w.convert("fixed.csv", &with_summary);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let s: serde_json::Value = serde_json::from_str(&w.read("s.json")).unwrap();
    assert_eq!(
        (s["delimiter"].as_str(), s["delimiter_source"].as_str()),
        (Some(","), Some("rejects file"))
    );
    assert_eq!(w.jsonl("out.jsonl")[0]["name"], "Ana");
}

#[test]
fn excels_sep_line_names_the_delimiter_and_is_no_header() {
    // Audit 8: `sep=;` (Excel's hint) failed the file: "columns seen: `sep=`".
    let w = Workdir::new();
    w.write(
        "in.csv",
        "sep=;\r\nphone;name\r\n12;Ana\r\n+14155550101;Bo\r\n",
    );
    let o = w.convert(
        "in.csv",
        &["--phone-check", "format", "--summary-json", "s.json"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(w.jsonl("out.jsonl")[0]["name"], "Bo");
    let rows = w.csv_rows("rejects.csv");
    assert_eq!(rows[1][0], "3", "the line an editor shows");
    let s: serde_json::Value = serde_json::from_str(&w.read("s.json")).unwrap();
    assert_eq!(s["delimiter_source"], "sep= line");
}

#[test]
fn full_width_digits_are_not_e164() {
    let w = Workdir::new();
    w.write("in.csv", "number\n+１２１２５５５０１８７\n");
    let o = w.convert("in.csv", &["--phone-check", "format"]);
    assert_eq!(code(&o), 0);
    assert!(w.read("out.jsonl").is_empty());
    assert!(w.read("rejects.csv").contains("number_not_e164"));
}

#[test]
fn a_pause_dialled_extension_is_kept_or_conflicts_in_every_check() {
    // With the library's checks, `+1 212 555 0125,,7` went out as
    // +12125550125 with the 7 gone, and beside an ext column of 9, as 9.
    let w = Workdir::new();
    w.write(
        "in.csv",
        "number,ext\n\"+1 212 555 0125,,7\",\n\"+1 212 555 0126,,7\",9\n",
    );
    for check in ["valid", "possible", "format"] {
        let o = w.convert("in.csv", &["--phone-check", check]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let out = w.jsonl("out.jsonl");
        assert_eq!(out.len(), 1, "{check}");
        assert_eq!(out[0]["number"], "+12125550125", "{check}");
        assert_eq!(out[0]["extension"], "7", "{check}");
        let rejects = w.csv_rows("rejects.csv");
        assert_eq!(rejects.len(), 2, "{check}");
        assert!(
            rejects[1][1].contains("extension_conflict"),
            "{check}: {rejects:?}"
        );
    }
}

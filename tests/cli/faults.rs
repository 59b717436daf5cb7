//! Faults: special outputs, full disks, kills, signals, broken pipes, inputs changing underneath.
//!
//! The kill and signal tests run the binary on stdin fed by a thread that
//! never stops writing, so the run is provably mid-way when the signal lands
//! and no timing guess is needed.

use std::fs;
use std::io::{Read, Write};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use crate::harness::{code, stderr, Workdir};

const FMT: &[&str] = &["--phone-check", "format"];

fn bin() -> Command {
    use std::os::unix::process::CommandExt;
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("csv2dto"));
    // csv2dto keeps a signal ignored at start ignored (nohup); this suite may
    // itself run with SIGINT ignored (a background job of a script), so its
    // children start with the default actions the signal tests need.
    // SAFETY: signal(2) only, between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            libc::signal(libc::SIGINT, libc::SIG_DFL);
            libc::signal(libc::SIGHUP, libc::SIG_DFL);
            Ok(())
        });
    }
    cmd
}

/// `convert in.csv -o OUTPUT -r rejects.csv -q` in `w`, for more arguments.
fn convert_in_csv(w: &Workdir, output: &str) -> Command {
    let mut cmd = bin();
    cmd.current_dir(w.path("")).args([
        "convert",
        "in.csv",
        "-o",
        output,
        "-r",
        "rejects.csv",
        "-q",
    ]);
    cmd
}

fn rows(n: usize) -> String {
    let mut s = String::from("number,name\n");
    for i in 0..n {
        if i % 10 == 3 {
            s += &format!("bad{i},n{i}\n");
        } else {
            s += &format!("+1415555{:04},Name {i}\n", i % 10_000);
        }
    }
    s
}

fn temporaries(w: &Workdir) -> Vec<String> {
    w.names()
        .into_iter()
        .filter(|n| n.contains(".csv2dto-tmp."))
        .collect()
}

/// `csv2dto convert - -o out.jsonl -r rejects.csv` with stdin fed forever by a thread.
fn endless_run(w: &Workdir) -> Child {
    endless_run_of(w, &["convert", "-", "-o", "out.jsonl", "-r", "rejects.csv"])
}

/// `csv2dto ARGS` (reading `-` among its inputs) with stdin fed forever by a thread.
fn endless_run_of(w: &Workdir, args: &[&str]) -> Child {
    let mut child = bin()
        .current_dir(w.path(""))
        .args(args)
        .args(FMT)
        .args(["--jobs", "2", "--progress", "none"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    feed_forever(&mut child);
    child
}

/// Writes rows to `child`'s stdin from a thread until the child is gone.
fn feed_forever(child: &mut Child) {
    let mut stdin = child.stdin.take().unwrap();
    thread::spawn(move || {
        let chunk = rows(5000);
        let body = chunk.split_once('\n').unwrap().1.to_string();
        if stdin.write_all(chunk.as_bytes()).is_err() {
            return;
        }
        // Ends with a broken pipe once the child is gone.
        while stdin.write_all(body.as_bytes()).is_ok() {}
    });
}

fn wait_for(what: &str, mut ok: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ok() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out waiting for {what}"
        );
        thread::sleep(Duration::from_millis(20));
    }
}

/// Waits at most `secs` for the child; kills it and fails the test if it hangs.
fn wait_exit(child: &mut Child, secs: u64) -> (i32, String) {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            return (status.code().unwrap_or(-1), err);
        }
        if start.elapsed() > Duration::from_secs(secs) {
            let _ = child.kill();
            panic!("csv2dto did not stop within {secs}s");
        }
        thread::sleep(Duration::from_millis(10));
    }
}

fn signal(child: &Child, sig: libc::c_int) {
    // SAFETY: kill(2) on our own child's pid has no memory-safety preconditions.
    assert_eq!(unsafe { libc::kill(child.id() as libc::pid_t, sig) }, 0);
}

#[test]
fn fifo_and_dev_null_outputs_are_written_in_place() {
    use std::os::unix::fs::FileTypeExt;
    let w = Workdir::new();
    w.write("in.csv", rows(50));
    let fifo = w.path("out.fifo");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let reader = {
        let fifo = fifo.clone();
        thread::spawn(move || fs::read(fifo).unwrap())
    };
    let o = convert_in_csv(&w, "out.fifo").args(FMT).output().unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let got = reader.join().unwrap();
    assert_eq!(got.iter().filter(|&&b| b == b'\n').count(), 45);
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    assert!(temporaries(&w).is_empty());

    let o = convert_in_csv(&w, "/dev/null").output().unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(fs::metadata("/dev/null")
        .unwrap()
        .file_type()
        .is_char_device());
    assert!(temporaries(&w).is_empty());
    assert!(!w.exists("null"), "nothing written beside the device");
}

#[test]
fn a_full_device_exits_1_naming_the_output_and_leaves_nothing_behind() {
    let w = Workdir::new();
    w.write("in.csv", rows(2000));
    for (flag, other) in [("-o", "-r"), ("-r", "-o")] {
        let o = w
            .cmd()
            .args(["convert", "in.csv", flag, "/dev/full", other, "x.out", "-q"])
            .args(FMT)
            .output()
            .unwrap();
        assert_eq!(code(&o), 1, "{}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.contains("/dev/full") && err.contains("No space left"),
            "{err}"
        );
        assert_eq!(w.names(), vec!["in.csv"], "no partial or temporary file");
    }
}

#[test]
fn a_full_stderr_or_stdout_for_reports_is_never_a_panic() {
    // A full log disk (`2>>/var/log/...`) panicked at the
    // first message (exit 101), so the files after it were never converted.
    let w = Workdir::new();
    w.write("good.csv", rows(20));
    w.write("r1.csv", "number,name\n+14155550100,a\nbad,b\n");
    let full = || {
        fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap()
    };
    let here = || {
        let mut c = bin();
        c.current_dir(w.path("."));
        c
    };
    let o = here()
        .args([
            "convert",
            "good.csv",
            "missing.csv",
            "r1.csv",
            "--out-dir",
            "od",
        ])
        .args(["--progress", "log", "--quiet"])
        .args(FMT)
        .stderr(full())
        .output()
        .unwrap();
    assert_eq!(code(&o), 1, "the missing file, not a panic");
    for f in [
        "od/good.jsonl",
        "od/r1.jsonl",
        "od/r1.rejects.csv",
        "od/summary.json",
    ] {
        assert!(w.exists(f), "{f}: {:?}", w.names());
    }
    let o = here()
        .args(["convert", "good.csv", "-o", "s.jsonl", "-r", "s.csv"])
        .args(FMT)
        .stderr(full())
        .output()
        .unwrap();
    assert_eq!(code(&o), 0, "the outputs are in place: success");
    // Reports printed to a full stdout: an error naming it, not a panic.
    for args in [
        &["check", "good.csv"][..],
        &["fields"],
        &["completions", "bash"],
    ] {
        let o = here().args(args).stdout(full()).output().unwrap();
        assert_eq!(code(&o), 1, "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("No space left"), "{}", stderr(&o));
        // Open read-only (`1</dev/null`), where Rust's stdout reports success.
        let read_only = fs::File::open("/dev/null").unwrap();
        let o = here().args(args).stdout(read_only).output().unwrap();
        assert_eq!(code(&o), 1, "{args:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("standard output is closed"),
            "{}",
            stderr(&o)
        );
    }
    // --help that nobody could read is no success; one cut short by `| head` is.
    let o = here().arg("--help").stdout(full()).output().unwrap();
    assert_eq!(code(&o), 1);
    let o = here()
        .arg("--help")
        .stdout(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(code(&o), 0);
}

/// Unmounts on drop, so a failing test does not leave a mount behind.
struct Mount(std::path::PathBuf);

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_filesystem_keeps_the_old_output_and_leaves_no_partial_file() {
    let w = Workdir::new();
    let small = w.path("small");
    fs::create_dir(&small).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=1m", "tmpfs"])
        .arg(&small)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("note: skipping: cannot mount a small tmpfs here (needs root); /dev/full covers the error path");
        return;
    }
    let _guard = Mount(small.clone());
    fs::write(small.join("out.jsonl"), "old\n").unwrap();
    w.write("in.csv", rows(60_000)); // about 3 MB of JSONL: more than fits
    let o = convert_in_csv(&w, "small/out.jsonl")
        .args(FMT)
        .output()
        .unwrap();
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(stderr(&o).contains("small/out.jsonl"), "{}", stderr(&o));
    assert_eq!(
        fs::read_to_string(small.join("out.jsonl")).unwrap(),
        "old\n"
    );
    let left: Vec<_> = fs::read_dir(&small)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        left,
        vec!["out.jsonl"],
        "no temporary file left on the full disk"
    );
    assert!(!w.exists("rejects.csv"));
}

#[test]
fn sigkill_mid_run_leaves_earlier_outputs_whole_and_the_next_run_cleans_up() {
    let w = Workdir::new();
    w.write("in.csv", rows(20));
    assert_eq!(code(&w.convert("in.csv", FMT)), 0);
    let (old_out, old_rejects) = (w.read("out.jsonl"), w.read("rejects.csv"));

    let mut child = endless_run(&w);
    wait_for("temporary outputs", || temporaries(&w).len() == 2);
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();

    assert_eq!(
        w.read("out.jsonl"),
        old_out,
        "never a partial file under the final name"
    );
    assert_eq!(w.read("rejects.csv"), old_rejects);
    let left = temporaries(&w);
    assert!(
        left.iter().all(|n| n.starts_with(".out.jsonl.csv2dto-tmp.")
            || n.starts_with(".rejects.csv.csv2dto-tmp.")),
        "recognizable by name: {left:?}"
    );
    assert_eq!(code(&w.convert("in.csv", FMT)), 0);
    assert!(temporaries(&w).is_empty(), "the next run removed {left:?}");
}

#[test]
fn sigint_and_sigterm_stop_promptly_clean_up_and_say_what_was_done() {
    for (sig, name, status) in [
        (libc::SIGINT, "SIGINT", 130),
        (libc::SIGTERM, "SIGTERM", 143),
        // A closed terminal left hundreds of MB of temporaries.
        (libc::SIGHUP, "SIGHUP", 129),
    ] {
        let w = Workdir::new();
        let mut child = endless_run(&w);
        wait_for("temporary outputs", || temporaries(&w).len() == 2);
        signal(&child, sig);
        let (got, err) = wait_exit(&mut child, 10);
        assert_eq!(got, status, "{name}: {err}");
        assert!(
            err.contains(&format!("interrupted by {name} after")),
            "{err}"
        );
        assert!(err.contains("valid") && err.contains("rejected"), "{err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(w.names().is_empty(), "{name}: left {:?}", w.names());
    }
}

#[test]
fn a_second_ctrl_c_exits_at_once_even_while_a_read_blocks() {
    let w = Workdir::new();
    let mut child = bin()
        .current_dir(w.path(""))
        .args(["convert", "-", "-o", "out.jsonl", "-r", "rejects.csv", "-q"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"number\n+14155550100\n").unwrap(); // and then silence
    thread::sleep(Duration::from_millis(300));
    signal(&child, libc::SIGINT);
    // Past the echo window: a second request, not the first one repeated.
    thread::sleep(Duration::from_millis(700));
    let start = Instant::now();
    signal(&child, libc::SIGINT);
    let (got, err) = wait_exit(&mut child, 10);
    assert_eq!(got, 130, "{err}");
    assert!(
        start.elapsed() < Duration::from_millis(1000),
        "{:?}",
        start.elapsed()
    );
    assert!(
        err.contains("stopped at a second signal; temporary files removed"),
        "{err}"
    );
    drop(stdin);
    assert_eq!(w.names(), Vec::<String>::new(), "no output, no temporary");
}

#[test]
fn timeouts_double_sigterm_is_one_request_with_its_clean_up() {
    // Audit 9: `timeout` signals the process, then its group: the second
    // SIGTERM, a millisecond later, exited at once, often with no message and
    // with half-written temporaries left.
    for _ in 0..3 {
        let w = Workdir::new();
        let mut child = endless_run(&w);
        wait_for("temporary outputs", || temporaries(&w).len() == 2);
        signal(&child, libc::SIGTERM);
        signal(&child, libc::SIGTERM);
        let (got, err) = wait_exit(&mut child, 10);
        assert_eq!(got, 143, "{err}");
        assert!(err.contains("interrupted by SIGTERM after"), "{err}");
        assert!(w.names().is_empty(), "left {:?}", w.names());
    }
}

#[test]
fn signals_ignored_at_start_stay_ignored_as_nohup_asks() {
    // Audit 9: `nohup csv2dto ... &` died at the SIGHUP of a dropped
    // ssh session (exit 129), the handler replacing the inherited SIG_IGN.
    use std::os::unix::process::CommandExt;
    let w = Workdir::new();
    let mut cmd = bin();
    cmd.current_dir(w.path(""))
        .args(["convert", "-", "-o", "out.jsonl", "-r", "rejects.csv"])
        .args(FMT)
        .args(["--progress", "none"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    // SAFETY: signal(2) only, between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            libc::signal(libc::SIGHUP, libc::SIG_IGN);
            Ok(())
        });
    }
    let mut child = cmd.spawn().unwrap();
    feed_forever(&mut child);
    wait_for("temporary outputs", || temporaries(&w).len() == 2);
    signal(&child, libc::SIGHUP);
    thread::sleep(Duration::from_millis(700));
    assert!(
        child.try_wait().unwrap().is_none(),
        "SIGHUP ignored, as nohup set it"
    );
    signal(&child, libc::SIGTERM);
    let (got, err) = wait_exit(&mut child, 10);
    assert_eq!(got, 143, "{err}");
}

#[test]
fn a_signal_while_batch_files_are_written_leaves_no_temporary() {
    // Audit 9: SIGTERM while thousands of batch files were written hit the
    // 2 s forced exit and left a `.batch-*.csv2dto-tmp` file each time.
    let w = Workdir::new();
    w.write("call.json", r#"{"assistantId":"a","phoneNumberId":"p"}"#);
    let mut child = endless_run_of(
        &w,
        &[
            "convert",
            "-",
            "-o",
            "out.jsonl",
            "-r",
            "rejects.csv",
            "--batch-template",
            "call.json",
            "--batch-size",
            "1",
            "--batch-dir",
            "bd",
        ],
    );
    wait_for("batch temporaries", || {
        fs::read_dir(w.path("bd")).is_ok_and(|d| d.count() > 50)
    });
    signal(&child, libc::SIGTERM);
    let (got, err) = wait_exit(&mut child, 20);
    assert_eq!(got, 143, "{err}");
    assert!(err.contains("interrupted by SIGTERM"), "{err}");
    let left: Vec<String> = fs::read_dir(w.path("bd"))
        .map(|d| {
            d.map(|e| e.unwrap().file_name().into_string().unwrap())
                .collect()
        })
        .unwrap_or_default();
    assert!(
        left.is_empty(),
        "left {} files, e.g. {:?}",
        left.len(),
        left.first()
    );
    assert!(
        w.names().iter().all(|n| !n.contains("csv2dto-tmp")),
        "{:?}",
        w.names()
    );
}

#[test]
fn the_log_of_an_interrupted_run_says_stopped_not_done() {
    // Audit 9: `--progress log` printed `done:` for a run SIGTERM stopped,
    // which a log grep for finished files takes at its word.
    let w = Workdir::new();
    let mut child = bin()
        .current_dir(w.path(""))
        .args(["convert", "-", "-o", "out.jsonl", "-r", "rejects.csv"])
        .args(FMT)
        .args(["--progress", "log"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    feed_forever(&mut child);
    wait_for("temporary outputs", || temporaries(&w).len() == 2);
    signal(&child, libc::SIGTERM);
    let (got, err) = wait_exit(&mut child, 10);
    assert_eq!(got, 143, "{err}");
    assert!(err.contains("csv2dto: -: stopped: "), "{err}");
    assert!(!err.contains("done: "), "{err}");
}

#[test]
fn one_ctrl_c_while_a_read_blocks_still_stops_soon_and_cleans_up() {
    let w = Workdir::new();
    let mut child = bin()
        .current_dir(w.path(""))
        .args(["convert", "-", "-o", "out.jsonl", "-r", "rejects.csv", "-q"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"number\n+14155550100\n").unwrap(); // and then silence
    thread::sleep(Duration::from_millis(300));
    let start = std::time::Instant::now();
    signal(&child, libc::SIGINT);
    let (got, err) = wait_exit(&mut child, 10);
    assert_eq!(got, 130, "{err}");
    assert!(
        start.elapsed() < Duration::from_secs(6),
        "took {:?}",
        start.elapsed()
    );
    assert!(err.contains("SIGINT"), "{err}");
    drop(stdin);
    assert_eq!(
        w.names(),
        Vec::<String>::new(),
        "no output and no temporary file left"
    );
}

#[test]
fn outputs_to_the_shells_descriptors_append_and_never_replace_the_file() {
    // Audit 9: `--summary-json /dev/stdout >> job.log` and
    // `-o /dev/stdout >> all.jsonl` replaced the file behind the descriptor
    // (its earlier lines lost, exit 0), with rejects in /dev/stdout.rejects.csv;
    // and `-o - >> in.csv` read its own JSONL back as rows, exit 0.
    let w = Workdir::new();
    w.write("in.csv", "number\n+14155550100\nbad\n");
    let bin = assert_cmd::cargo::cargo_bin("csv2dto");
    let sh = |script: &str| {
        Command::new("sh")
            .current_dir(w.path(""))
            .arg("-c")
            .arg(script)
            .env("BIN", &bin)
            .output()
            .unwrap()
    };
    w.write("job.log", "OLD LOG LINE\n");
    w.write("all.jsonl", "{\"earlier\":1}\n");
    let o = sh("\"$BIN\" convert in.csv -o /dev/stdout -r rej.csv -q --phone-check format >> all.jsonl \
         && \"$BIN\" convert in.csv -o o.jsonl --phone-check format --summary-json /dev/stderr 2>> job.log");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        w.read("all.jsonl"),
        "{\"earlier\":1}\n{\"number\":\"+14155550100\"}\n"
    );
    let log = w.read("job.log");
    assert!(
        log.starts_with("OLD LOG LINE\n") && log.contains("\"rows\": 2"),
        "{log}"
    );
    assert!(w.exists("rej.csv") && w.exists("o.rejects.csv"));
    // With `2>` (no append), the JSON and the messages after it share stderr's
    // offset: a new open of /dev/stderr wrote the JSON at the end and the
    // summary lines then overwrote its start.
    let o = sh("\"$BIN\" convert in.csv -o o.jsonl --phone-check format --summary-json /dev/stderr 2> job2.log");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let log = w.read("job2.log");
    let end = log.find("\n}\n").expect("the JSON's end") + 3;
    let json: serde_json::Value = serde_json::from_str(&log[..end]).expect("whole JSON");
    assert_eq!(json["rows"], 2);
    assert!(log[end..].contains("2 rows read"), "{log}");
    // Without -r, the rejects go beside the input, as for `-o -`.
    let o = sh("\"$BIN\" convert in.csv -o /dev/stdout -q --phone-check format >> all.jsonl");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(w.exists("in.rejects.csv"));
    let o = sh("\"$BIN\" convert in.csv -o - -r r.csv --phone-check format >> in.csv");
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o)
            .contains("refusing to write the standard output (redirected to it) over the input"),
        "{}",
        stderr(&o)
    );
    assert_eq!(w.read("in.csv"), "number\n+14155550100\nbad\n");
}

#[test]
fn a_summary_that_cannot_be_written_leaves_the_earlier_outputs_in_place() {
    // Audit 9: the JSONL and rejects were renamed into place before the
    // summary was written; when it failed, exit 1 ("no output put in
    // place") came with the new outputs already over the old ones.
    let w = Workdir::new();
    w.write("in.csv", rows(20));
    w.write("out.jsonl", "old\n");
    w.write("rejects.csv", "old rejects\n");
    let o = w.convert(
        "in.csv",
        &["--summary-json", "/dev/full", "--phone-check", "format"],
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(stderr(&o).contains("/dev/full"), "{}", stderr(&o));
    assert_eq!(w.read("out.jsonl"), "old\n");
    assert_eq!(w.read("rejects.csv"), "old rejects\n");
    assert!(temporaries(&w).is_empty(), "{:?}", temporaries(&w));
}

#[test]
fn broken_pipe_on_stdout_exits_0_quietly() {
    let w = Workdir::new();
    w.write("in.csv", rows(50_000));
    let mut child = bin()
        .current_dir(w.path(""))
        .args(["convert", "in.csv", "-o", "-", "-r", "rejects.csv", "-q"])
        .args(FMT)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut head = [0u8; 100];
    out.read_exact(&mut head).unwrap();
    drop(out); // like `| head -c 100`
    let (got, err) = wait_exit(&mut child, 30);
    assert_eq!(got, 0, "{err}");
    assert_eq!(err, "", "quiet: no error and no panic message");
}

#[test]
fn an_input_truncated_while_being_read_is_an_input_error() {
    let w = Workdir::new();
    let input = w.write("in.csv", rows(150_000));
    let mut child = convert_in_csv(&w, "out.jsonl")
        .args(["--jobs", "1"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_for("temporary outputs", || temporaries(&w).len() == 2);
    let len = fs::metadata(&input).unwrap().len();
    fs::OpenOptions::new()
        .write(true)
        .open(&input)
        .unwrap()
        .set_len(len / 2)
        .unwrap();
    let (got, err) = wait_exit(&mut child, 60);
    if got == 0 && err.is_empty() {
        // Only if the whole file was read before the truncation: not this test's case.
        panic!("the run finished before the input was truncated; make the input larger");
    }
    assert_eq!(got, 1, "{err}");
    assert!(err.contains("in.csv") && err.contains("shrank"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(!w.exists("out.jsonl") && temporaries(&w).is_empty());
}

#[test]
fn an_input_replaced_by_a_new_file_while_being_read_is_read_whole() {
    // Audit 9: an uploader re-delivering the file with `mv` (or rsync) made
    // the run fail, "the file shrank", though the open file was read whole.
    let w = Workdir::new();
    let input = w.write("in.csv", rows(150_000));
    let mut child = convert_in_csv(&w, "out.jsonl")
        .args(["--jobs", "1", "--summary-json", "s.json"])
        .args(FMT)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_for("temporary outputs", || temporaries(&w).len() >= 2);
    let fresh = w.write("fresh.csv", rows(3));
    fs::rename(&fresh, &input).unwrap();
    let (got, err) = wait_exit(&mut child, 60);
    assert_eq!(got, 0, "{err}");
    let s: serde_json::Value = serde_json::from_str(&w.read("s.json")).unwrap();
    assert_eq!(s["rows"], 150_000, "the file as opened, whole");
}

#[test]
fn stale_temporaries_are_only_those_of_dead_processes() {
    // The name format is the contract that lets a later run clean up safely.
    let w = Workdir::new();
    w.write("in.csv", rows(3));
    w.write(".out.jsonl.csv2dto-tmp.4294967.abcdef", "partial");
    let mine = format!(".out.jsonl.csv2dto-tmp.{}.abcdef", std::process::id());
    w.write(&mine, "a live process's file");
    assert_eq!(code(&w.convert("in.csv", FMT)), 0);
    assert_eq!(temporaries(&w), vec![mine]);
}

#[test]
fn a_summary_path_that_cannot_be_written_fails_before_any_output_is_replaced() {
    // It used to be written last: exit 1 ("no output put in place") with
    // every other output already replaced.
    let w = Workdir::new();
    w.write("in.csv", rows(20));
    w.write("out.jsonl", "OLD\n");
    fs::create_dir(w.path("sdir")).unwrap();
    let o = w.convert(
        "in.csv",
        &["--phone-check", "format", "--summary-json", "sdir"],
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(stderr(&o).contains("summary JSON"), "{}", stderr(&o));
    assert_eq!(w.read("out.jsonl"), "OLD\n");
    assert!(!w.path("rejects.csv").exists());
    // The same for the run summary of --out-dir: no file's outputs go in place.
    let o = bin()
        .current_dir(w.path(""))
        .args([
            "convert",
            "in.csv",
            "--out-dir",
            "od",
            "--summary-json",
            "sdir",
            "-q",
        ])
        .args(FMT)
        .output()
        .unwrap();
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(!w.path("od/in.jsonl").exists());
    assert!(temporaries(&w).is_empty(), "{:?}", temporaries(&w));
}

#[test]
fn an_interrupted_out_dir_run_names_what_finished_and_leaves_no_old_summary() {
    // DIR/summary.json means "finished": an earlier run's must not outlive a
    // run that replaced some of the outputs it describes and then stopped.
    let w = Workdir::new();
    w.write("first.csv", rows(30));
    fs::create_dir(w.path("od")).unwrap();
    w.write("od/summary.json", "{\"exit_code\":0,\"files\":[]}\n");
    let mut child = endless_run_of(&w, &["convert", "first.csv", "-", "--out-dir", "od", "-q"]);
    wait_for("the first file's outputs", || {
        w.path("od/first.jsonl").exists()
    });
    signal(&child, libc::SIGINT);
    let (status, err) = wait_exit(&mut child, 20);
    assert_eq!(status, 130, "{err}");
    assert!(
        !w.path("od/summary.json").exists(),
        "the old summary is gone"
    );
    assert!(w.path("od/first.rejects.csv").exists());
    assert!(
        err.contains("- was interrupted") && err.contains("first.jsonl"),
        "{err}"
    );
}

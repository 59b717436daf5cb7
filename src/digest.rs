//! SHA-256 of the input bytes, for the summary: which file did the nightly job read?
//!
//! A reader wrapper that hashes what passes through it. The digest is complete
//! once the pipeline has read to the end, which every finished run does.

use std::io::{self, Read};
use std::sync::{Arc, Mutex};

use sha2::{Digest, Sha256};

/// The shared state of a hashing reader; read it after the run.
#[derive(Clone, Default)]
pub struct Sha256Handle(Arc<Mutex<Sha256>>);

impl Sha256Handle {
    /// The digest of everything read so far, as lower-case hex.
    pub fn hex(&self) -> String {
        let digest = self.0.lock().expect("hash lock").clone().finalize();
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// Hashes the bytes read through it.
pub struct Sha256Reader<R> {
    inner: R,
    state: Sha256Handle,
}

impl<R> Sha256Reader<R> {
    /// Wraps `inner`; the handle gives the digest later.
    pub fn new(inner: R) -> (Sha256Reader<R>, Sha256Handle) {
        let state = Sha256Handle::default();
        (
            Sha256Reader {
                inner,
                state: state.clone(),
            },
            state,
        )
    }
}

impl<R: Read> Read for Sha256Reader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.state.0.lock().expect("hash lock").update(&buf[..n]);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_digest() {
        let (mut r, h) = Sha256Reader::new(&b"abc"[..]);
        io::copy(&mut r, &mut io::sink()).unwrap();
        assert_eq!(
            h.hex(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}

//! Byte searches eight bytes at a time in a `u64` ("SIMD within a register").
//!
//! For the short haystacks of a CSV row (a line, a cell, a quoted JSON text
//! with a `""` every few bytes) these beat `memchr`'s SIMD searches, whose
//! set-up costs more than the search. Exact: no match is missed or invented.

const LOW7: u64 = u64::from_ne_bytes([0x7F; 8]);

/// 0x80 in exactly the bytes of `v` that are zero: the sum cannot carry from
/// one byte into the next, so no byte is missed or invented.
pub fn zero_bytes(v: u64) -> u64 {
    !(((v & LOW7) + LOW7) | v | LOW7)
}

/// Where the first byte of `bytes` that is in `set` is, eight bytes at a time.
pub fn find_any<const N: usize>(bytes: &[u8], set: [u8; N]) -> Option<usize> {
    let splats = set.map(|b| u64::from_ne_bytes([b; 8]));
    let mut words = bytes.chunks_exact(8);
    let mut base = 0;
    for word in &mut words {
        // Little-endian, so the lowest set bit belongs to the first byte.
        let v = u64::from_le_bytes(word.try_into().expect("8-byte chunk"));
        let hits = splats.iter().fold(0, |h, s| h | zero_bytes(v ^ s));
        if hits != 0 {
            return Some(base + (hits.trailing_zeros() / 8) as usize);
        }
        base += 8;
    }
    words
        .remainder()
        .iter()
        .position(|b| set.contains(b))
        .map(|p| base + p)
}

/// Calls `found` with the index of every `byte` in `bytes`, in order, eight
/// bytes at a time. A line is short and holds a delimiter every few bytes,
/// where one SIMD search per field (`memchr_iter`) costs more in set-up than
/// it saves (callgrind: about 300 instructions a generated line, against
/// about 130 here).
pub fn for_each_byte(bytes: &[u8], byte: u8, mut found: impl FnMut(usize)) {
    let splat = u64::from_ne_bytes([byte; 8]);
    let mut words = bytes.chunks_exact(8);
    let mut base = 0;
    for word in &mut words {
        // Little-endian, so the lowest set bit belongs to the first byte.
        let mut hits =
            zero_bytes(u64::from_le_bytes(word.try_into().expect("8-byte chunk")) ^ splat);
        while hits != 0 {
            found(base + (hits.trailing_zeros() / 8) as usize);
            hits &= hits - 1;
        }
        base += 8;
    }
    for (i, &b) in words.remainder().iter().enumerate() {
        if b == byte {
            found(base + i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn swar_searches_find_every_match_and_nothing_else(
            // Bytes next to each other in value (0x7F/0x80, 0xFF/0x00) are where
            // a carry or borrow between bytes would show.
            data in proptest::collection::vec(
                proptest::sample::select(vec![0u8, 1, b',', b';', b'\t', 0x7F, 0x80, 0x81, 0xFE, 0xFF]),
                0..80,
            ),
            byte in proptest::sample::select(vec![0u8, b',', b';', b'\t', 0x7F, 0x80, 0xFF]),
        ) {
            let mut found = Vec::new();
            for_each_byte(&data, byte, |i| found.push(i));
            let expected: Vec<usize> = (0..data.len()).filter(|&i| data[i] == byte).collect();
            proptest::prop_assert_eq!(found, expected);
            let set = [byte, 0x80, b';'];
            proptest::prop_assert_eq!(
                find_any(&data, set),
                data.iter().position(|b| set.contains(b))
            );
        }
    }
}

//! The table behind duplicate warnings: 64-bit keys, each beside its 32-bit
//! first line (12 bytes a slot), in one array whose memory grows in place.
//!
//! Keys are uniform hashes, so a key's home slot is its top bits scaled to the
//! table's size (`key * slots >> 64`), and homes never decrease as keys grow.
//! Slots hold keys in ascending order, each at or after its home with no empty
//! slot in between (ordered linear probing, no wrap-around: runs may spill past
//! `slots`): a search stops at the first empty slot or larger key, and an
//! insertion shifts the rest of its run one slot right. Doubling the table
//! sends home `h` to `2h` or `2h + 1`, so it can be redone in place (`grow`).
//!
//! A key and its line share a slot, so checking or inserting a key that is
//! not in the cache costs one miss, not one in each of two arrays.
//!
//! The array is allocated once, at a length no run can reach, as zeroed
//! memory: the allocator asks the kernel for fresh pages, which cost memory
//! only once written. A 1,000-row file touches a few kilobytes (which the
//! kernel may back with one 2 MiB page: see `advise_huge_pages`; measured, peak
//! RSS rose by 0.2 MiB); a full table (0.78 keys a slot) costs about 15 bytes a
//! key, and there is never a moment when an old and a new table are both alive.

use std::fmt;

/// The table starts with between `MIN_SLOTS` and twice that many slots.
const MIN_SLOTS: usize = 32;

/// The most keys per slot, as a fraction: 4/5. Past that, runs get long.
const LOAD: (usize, usize) = (4, 5);

/// Half-keys and their first lines, at most `cap` of them.
pub(super) struct Compact {
    /// Keys in ascending order, 0 for an empty slot, each with its first
    /// line: see `Slot`.
    table: Vec<Slot>,
    /// Homes are in `0..slots`.
    slots: usize,
    /// What `slots` doubles up to: at least `cap / LOAD`.
    max_slots: usize,
    /// One past the last slot ever written since the last `grow`.
    used: usize,
    /// Keys stored, including `zero`.
    len: usize,
    /// Key 0 marks empty slots, so its line is kept here.
    zero: Option<u32>,
    /// Most keys kept.
    cap: usize,
    /// True once a key was turned away.
    full: bool,
}

/// A key's low and high halves and its first line. Plain `u32`s, so that a
/// zeroed `Vec` of them is allocated as zeroed memory (`calloc`) and the slot
/// is 12 bytes with no padding.
type Slot = [u32; 3];

fn key_of(slot: &Slot) -> u64 {
    u64::from(slot[0]) | u64::from(slot[1]) << 32
}

fn slot(key: u64, line: u32) -> Slot {
    [key as u32, (key >> 32) as u32, line]
}

/// Asks Linux to back a big table with 2 MiB pages. Every check is a random
/// read into it, and with 4 KiB pages most of them also miss the TLB: in the
/// ordered writer, which runs one batch at a time, so nothing hides the wait.
#[cfg(target_os = "linux")]
fn advise_huge_pages(table: &[Slot]) {
    const PAGE: usize = 4096;
    let bytes = std::mem::size_of_val(table);
    if bytes < 4 << 20 {
        return; // Too small to hold a whole huge page worth the trouble.
    }
    // madvise wants a page-aligned start. A table this size is its own mapping
    // (the allocator maps it, and its header shares the first page), so the
    // rounded range is that mapping.
    let start = table.as_ptr() as usize / PAGE * PAGE;
    let len = (table.as_ptr() as usize + bytes).next_multiple_of(PAGE) - start;
    // SAFETY: MADV_HUGEPAGE changes how the kernel backs these pages, never
    // their contents or their mapping; the range covers memory this table owns
    // and at most the rest of its first and last pages. It is only a hint: when
    // the kernel refuses (huge pages off), the table works as before.
    let _ = unsafe { libc::madvise(start as *mut libc::c_void, len, libc::MADV_HUGEPAGE) };
}

#[cfg(not(target_os = "linux"))]
fn advise_huge_pages(_: &[Slot]) {}

/// Where `key` belongs in a table of `slots` slots: its top bits, scaled.
fn home(key: u64, slots: usize) -> usize {
    ((u128::from(key) * slots as u128) >> 64) as usize
}

impl Compact {
    /// An empty table that will take up to `cap` keys.
    pub(super) fn new(cap: usize) -> Compact {
        // The final size is MIN_SLOTS..2*MIN_SLOTS slots doubled a whole number of
        // times, so doubling from the start lands on it exactly.
        let need = (cap * LOAD.1).div_ceil(LOAD.0).max(MIN_SLOTS);
        let (mut slots, mut doublings) = (need, 0);
        while slots >= 2 * MIN_SLOTS {
            slots = slots.div_ceil(2);
            doublings += 1;
        }
        let max_slots = slots << doublings;
        // With at most LOAD of `slots` keys, a run ends before `slots * 1.8` and
        // doubling spreads slot `p` to `2p + 1` (see `grow`): `2 * max_slots` slots
        // hold both. `vec![[0; 3]; n]` is `calloc`: untouched pages cost nothing.
        let table = vec![[0; 3]; 2 * max_slots];
        advise_huge_pages(&table);
        Compact {
            table,
            slots,
            max_slots,
            used: 0,
            len: 0,
            zero: None,
            cap,
            full: false,
        }
    }

    /// True once a key was turned away.
    pub(super) fn is_full(&self) -> bool {
        self.full
    }

    /// The first line `key` was seen on, or None (and remembers `line` if there is room).
    pub(super) fn check(&mut self, key: u64, line: u64) -> Option<u64> {
        let found = if key == 0 {
            self.zero.ok_or(0)
        } else {
            self.find(key).map(|i| self.table[i][2])
        };
        let at = match found {
            Ok(first) => return Some(u64::from(first)),
            Err(at) => at,
        };
        if self.len >= self.cap {
            self.full = true;
            return None;
        }
        let line = u32::try_from(line).unwrap_or(u32::MAX);
        if key == 0 {
            self.zero = Some(line);
        } else if (self.len + 1) * LOAD.1 > self.slots * LOAD.0 && self.slots < self.max_slots {
            self.grow();
            let at = self.find(key).expect_err("a new key");
            self.insert(at, key, line);
        } else {
            self.insert(at, key, line);
        }
        self.len += 1;
        None
    }

    /// Hints the cache to load the slot `check(key, ..)` will read first.
    pub(super) fn prefetch(&self, key: u64) {
        #[cfg(target_arch = "x86_64")]
        {
            use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
            let at = home(key, self.slots);
            let slot = &self.table[at];
            // SAFETY: a prefetch is only a hint and never faults; the pointers come
            // from references to a slot in bounds anyway. The slot's first and last
            // words: one line, or both of the lines a slot may straddle.
            unsafe {
                _mm_prefetch::<_MM_HINT_T0>((&raw const slot[0]).cast());
                _mm_prefetch::<_MM_HINT_T0>((&raw const slot[2]).cast());
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = key;
    }

    /// `Ok(slot)` holding the nonzero `key`, or `Err(slot)` where it belongs.
    fn find(&self, key: u64) -> Result<usize, usize> {
        let mut at = home(key, self.slots);
        loop {
            let k = key_of(&self.table[at]);
            if k == key {
                return Ok(at);
            }
            if k == 0 || k > key {
                return Err(at);
            }
            at += 1;
        }
    }

    /// Puts `key` at `at`, shifting the rest of its run one slot right.
    fn insert(&mut self, at: usize, key: u64, line: u32) {
        let free = at
            + self.table[at..]
                .iter()
                .position(|s| key_of(s) == 0)
                .expect("the array outlasts every run");
        self.table.copy_within(at..free, at + 1);
        self.table[at] = slot(key, line);
        self.used = self.used.max(free + 1);
    }

    /// Doubles `slots` in place.
    ///
    /// The keys' order stays; each key's home `h` becomes `2h` or `2h + 1`, and
    /// its new slot is the later of that home and one past the previous key's
    /// new slot. That slot is at least the old one (homes only grew) and at
    /// most twice the old one plus one (each gap at most doubled). So: first,
    /// from the end, move the key in slot `p` to `2p + 1` (always empty by
    /// then); then, from the start, move each key back left to its new slot,
    /// which is free because every key before it has already moved.
    fn grow(&mut self) {
        for p in (0..self.used).rev() {
            if key_of(&self.table[p]) != 0 {
                self.table[2 * p + 1] = std::mem::take(&mut self.table[p]);
            }
        }
        self.slots *= 2;
        let mut next = 0;
        for p in 0..2 * self.used {
            let key = key_of(&self.table[p]);
            if key == 0 {
                continue;
            }
            let to = home(key, self.slots).max(next);
            debug_assert!(to <= p, "keys only move left");
            if to < p {
                self.table[to] = std::mem::take(&mut self.table[p]);
            }
            next = to + 1;
        }
        self.used = next;
    }
}

impl fmt::Debug for Compact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Compact")
            .field("len", &self.len)
            .field("slots", &self.slots)
            .field("cap", &self.cap)
            .field("full", &self.full)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    impl Compact {
        /// Panics unless the keys are ascending, each at or after its home with
        /// no empty slot in between, and `len` and `used` are right.
        fn assert_invariants(&self) {
            let mut last = 0;
            let mut stored = usize::from(self.zero.is_some());
            for (at, key) in self.table.iter().map(key_of).enumerate() {
                if key == 0 {
                    continue;
                }
                assert!(at < self.used, "slot {at} past used {}", self.used);
                assert!(key > last, "slot {at}: keys out of order");
                let home = home(key, self.slots);
                assert!(home <= at, "slot {at}: before its home {home}");
                assert!(
                    self.table[home..at].iter().all(|s| key_of(s) != 0),
                    "slot {at}: a gap after its home {home}"
                );
                last = key;
                stored += 1;
            }
            assert_eq!(stored, self.len);
        }
    }

    /// What `Compact` must behave like: a map that stops taking keys at `cap`.
    struct Model {
        first: HashMap<u64, u32>,
        cap: usize,
        full: bool,
    }

    impl Model {
        fn check(&mut self, key: u64, line: u64) -> Option<u64> {
            if let Some(&l) = self.first.get(&key) {
                return Some(u64::from(l));
            }
            if self.first.len() >= self.cap {
                self.full = true;
            } else {
                self.first
                    .insert(key, u32::try_from(line).unwrap_or(u32::MAX));
            }
            None
        }
    }

    /// Keys that repeat, crowd a few homes, or are uniform; 0 and the largest key included.
    fn keys() -> impl Strategy<Value = u64> {
        prop_oneof![
            // Same top bits: one home until the table is huge, so runs spill past `slots`.
            (0u64..4, 0u64..64).prop_map(|(top, low)| (top << 62) | low),
            // Uniform, from a small pool so that they repeat.
            (0u64..300).prop_map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15)),
            any::<u64>(),
            Just(0),
            Just(u64::MAX),
        ]
    }

    proptest! {
        #[test]
        fn behaves_like_a_capped_hash_map(
            cap in 0usize..2500,
            stream in prop::collection::vec((keys(), any::<bool>()), 0..3000),
        ) {
            let mut table = Compact::new(cap);
            let mut model = Model { first: HashMap::new(), cap, full: false };
            for (n, (key, huge_line)) in stream.into_iter().enumerate() {
                // Lines past u32::MAX are kept as u32::MAX by both.
                let line = if huge_line { (1 << 32) + n as u64 } else { n as u64 + 2 };
                table.prefetch(key);
                prop_assert_eq!(table.check(key, line), model.check(key, line), "key {:#x}", key);
                prop_assert_eq!(table.is_full(), model.full);
                if n % 128 == 0 {
                    table.assert_invariants();
                }
            }
            table.assert_invariants();
            prop_assert_eq!(table.len, model.first.len());
        }
    }

    #[test]
    fn grows_through_many_doublings_to_the_cap() {
        let cap = 20_000;
        let mut t = Compact::new(cap);
        let first_slots = t.slots;
        let key = |i: u64| (i + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        for i in 0..cap as u64 {
            assert_eq!(t.check(key(i), i + 2), None);
        }
        assert!(t.slots >= first_slots << 9, "{} slots", t.slots);
        assert_eq!(t.slots, t.max_slots);
        t.assert_invariants();
        assert!(!t.is_full());
        for i in 0..cap as u64 {
            assert_eq!(t.check(key(i), 0), Some(i + 2));
        }
        assert_eq!(t.check(key(cap as u64), 7), None);
        assert!(t.is_full());
        assert_eq!(
            t.check(key(cap as u64), 8),
            None,
            "not remembered once full"
        );
        assert_eq!(t.check(key(0), 9), Some(2));
    }

    #[test]
    fn key_zero_and_a_crowded_home() {
        let mut t = Compact::new(10);
        // All in home 0 (and key 0 kept apart), inserted out of order.
        for (line, key) in [5u64, 0, 1, 3, u64::MAX, 2, 4].into_iter().enumerate() {
            assert_eq!(t.check(key, line as u64), None);
        }
        t.assert_invariants();
        assert_eq!(t.check(0, 99), Some(1));
        assert_eq!(t.check(3, 99), Some(3));
        assert_eq!(t.check(u64::MAX, 99), Some(4));
        assert_eq!(t.len, 7);
    }

    #[test]
    fn zero_counts_toward_the_cap() {
        let mut t = Compact::new(1);
        assert_eq!(t.check(0, 2), None);
        assert_eq!(t.check(1, 3), None);
        assert!(t.is_full());
        assert_eq!(t.check(0, 4), Some(2));
        assert_eq!(t.check(1, 5), None);
    }

    /// Whether the mapping that holds `addr` was advised to use huge pages
    /// (`hg` among its flags in /proc/self/smaps).
    #[cfg(target_os = "linux")]
    fn huge_page_advice(addr: usize) -> bool {
        let smaps = std::fs::read_to_string("/proc/self/smaps").expect("reading smaps");
        let mut holds = false;
        for line in smaps.lines() {
            let range = line.split(' ').next().and_then(|r| r.split_once('-'));
            if let Some((Ok(lo), Ok(hi))) =
                range.map(|(lo, hi)| (usize::from_str_radix(lo, 16), usize::from_str_radix(hi, 16)))
            {
                holds = (lo..hi).contains(&addr);
            } else if holds && line.starts_with("VmFlags:") {
                return line.split_whitespace().any(|flag| flag == "hg");
            }
        }
        panic!("no mapping holds {addr:#x}");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_full_size_table_asks_for_huge_pages() {
        // A kernel without huge pages (no such file) refuses the advice, and one
        // where they are switched off may: nothing to check on either.
        match std::fs::read_to_string("/sys/kernel/mm/transparent_hugepage/enabled") {
            Ok(modes) if !modes.contains("[never]") => {}
            _ => return,
        }
        let t = Compact::new(super::super::WARN_CAPACITY);
        let (first, last) = (t.table.as_ptr(), t.table.as_ptr_range().end.wrapping_sub(1));
        assert!(huge_page_advice(first as usize));
        assert!(huge_page_advice(last as usize));
    }

    #[test]
    fn small_inputs_touch_little_memory() {
        // Sized for WARN_CAPACITY, a thousand keys still write only the first slots.
        let mut t = Compact::new(super::super::WARN_CAPACITY);
        for i in 1..=1000u64 {
            t.check(i.wrapping_mul(0x9E37_79B9_7F4A_7C15), i);
        }
        assert!(t.used * 12 < 64 << 10, "{} slots written", t.used);
        // And the full table is about 12 bytes over 0.78 a slot.
        assert!(t.max_slots * 12 < 14 << 20, "{} slots at most", t.max_slots);
        assert!(t.max_slots * LOAD.0 >= super::super::WARN_CAPACITY * LOAD.1);
    }
}

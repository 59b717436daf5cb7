//! Phone number validity with the phone library's verdicts at a fraction of its cost.
//!
//! `rlibphonenumber`'s `is_valid` finds the number's region (for a country code shared by
//! several regions, the first whose leading-digits pattern matches or whose number types
//! accept the number), then asks which type the number is: the general pattern, then up to
//! ten type patterns one after another, each a separate full-match regex behind its own
//! length check. Validity needs only "the general pattern and some type pattern match", so
//! here the type patterns that allow the number's length are ONE regex, a union compiled on
//! first use per region and length and kept for the run; and that union and the general
//! pattern share one DFA, so a number is walked once. The regions sharing a code are
//! searched together too: their leading-digits patterns in one DFA, their general
//! patterns in another.
//!
//! Promise: [`is_valid`] returns exactly what the library's `PhoneNumber::is_valid` returns.
//! It reads the library's own metadata and region order, keeps its quirks (a desc without
//! lengths accepts every length; when the mobile and fixed-line patterns are the same,
//! mobile is never tried on its own; a missing pattern never matches; a pattern too short
//! to be wrapped in `^(?:…)$` matches everything), and hands anything unusual (a national
//! number longer than any current metadata length, a pattern that does not compile) back
//! to the library.
//!
//! The unions are compiled without Unicode classes (`\d` is `[0-9]`): smaller automata,
//! and the same verdicts, since a national significant number is ASCII digits only.
//! Each is a fully compiled DFA (`regex-automata`'s dense DFA, the engine `regex` is
//! built on), so a match is a walk over a table shared by every worker; a union over
//! `matcher::DFA_SIZE_LIMIT` would stay a `regex` (none is, in the current metadata; a test
//! checks that, and that both engines agree on every pattern).
//!
//! The metadata is reached through the library's public `interfaces::AsOriginal` trait,
//! whose target types live in private modules: nothing here can name them, so the code
//! touches them only through inferred bindings and the `desc!` macro. A new
//! `rlibphonenumber` that renames them fails to compile here; one that changes how it
//! decides validity is what the differential tests at the bottom are for.

use std::sync::{LazyLock, OnceLock};

use rlibphonenumber::interfaces::AsOriginal;
use rlibphonenumber::{PhoneNumber, Region, PHONE_NUMBER_UTIL};

mod matcher;

use matcher::{union_of, DfaSet, Matcher, PatternSet};

/// National significant numbers up to this length get cached unions; longer ones (no
/// current metadata allows them) go to the library.
const MAX_CACHED_LEN: usize = 17;

/// The shortest pattern the library treats as wrapped in `^(?:…)$`; it compiles a shorter
/// one as the empty regex, which matches every string.
const MIN_WRAPPED_LEN: usize = 6;

/// Whether `number` is valid, with exactly the verdict of `number.is_valid()`.
pub fn is_valid(number: &PhoneNumber) -> bool {
    let mut buf = [0; 32];
    let nsn = national_significant_number(number, &mut buf);
    verdict(number.country_code, nsn).unwrap_or_else(|| number.is_valid())
}

/// `is_valid` of the number with country code `country_code` and national significant
/// number `nsn` (the digits the library matches its patterns against, with the leading
/// zeros it keeps); `None` when the answer needs the library.
pub fn verdict(country_code: i32, nsn: &[u8]) -> Option<bool> {
    let Some(country) = country(country_code) else {
        return Some(false);
    };
    match country.regions.as_slice() {
        [] => Some(false),
        [only] => only.as_ref().map_or(Some(false), |r| r.accepts(nsn)),
        several => match country.claims.get_or_init(|| Claims::build(several)) {
            Some(claims) => claims.first_claiming_region(several, nsn),
            None => first_claiming_region(several, nsn),
        },
    }
}

/// The library's search through the regions sharing a country code: the first region whose
/// leading digits match, or else whose number types accept the number, decides; no such
/// region means invalid. `None` when the answer needs the library.
fn first_claiming_region(regions: &[Option<Ranges>], nsn: &[u8]) -> Option<bool> {
    for region in regions {
        if let Claim::Decides(verdict) = own_claim(region.as_ref(), nsn)? {
            return Some(verdict);
        }
    }
    Some(false)
}

/// A region's turn with its own regexes.
fn own_claim(region: Option<&Ranges>, nsn: &[u8]) -> Option<Claim> {
    claim(region, |r| r.leading_digits_match(nsn), |r| r.accepts(nsn))
}

/// What one region's turn in that search comes to.
enum Claim {
    /// The region (or the end of the search) gives the verdict.
    Decides(bool),
    /// On to the next region.
    Passes,
}

/// One region's turn, given how to tell whether its leading digits match and whether it
/// accepts the number. `None`: ask the library.
fn claim(
    region: Option<&Ranges>,
    leading_digits_match: impl FnOnce(&Ranges) -> Option<bool>,
    accepts: impl Fn(&Ranges) -> Option<bool>,
) -> Option<Claim> {
    // The library ends its search, with no region, at a region without metadata.
    let Some(region) = region else {
        return Some(Claim::Decides(false));
    };
    if leading_digits_match(region)? {
        return accepts(region).map(Claim::Decides);
    }
    Some(if accepts(region)? {
        Claim::Decides(true)
    } else {
        Claim::Passes
    })
}

/// Whether the phone library's parser, reading `nsn` (the digits after country code
/// `country_code`), could take some of its first digits for a national prefix or carrier
/// code: the `national_prefix_for_parsing` of the code's first region matches at the
/// start, even emptily (the parser then may change the number; this does not model how).
/// `true` when unsure. A number built from canonical E.164 digits is what the parser
/// makes of them only when this is false.
pub fn may_strip_national_prefix(country_code: i32, nsn: &[u8]) -> bool {
    let Some(country) = country(country_code) else {
        return true;
    };
    country
        .national_prefix_regex
        .get_or_init(|| Matcher::anchor_start(country.national_prefix))
        .as_ref()
        .and_then(|m| m.is_match(nsn))
        .unwrap_or(true)
}

/// The regions of one country calling code, main region first as the library orders them.
struct Country {
    /// `None` where the library finds no metadata.
    regions: Vec<Option<Ranges>>,
    /// The first region's `national_prefix_for_parsing` (`^(?:…)$`), which the parser
    /// tries on the digits after the country code, and its prefix match, built on first use.
    national_prefix: Option<&'static str>,
    national_prefix_regex: OnceLock<Option<Matcher>>,
    /// For a shared code, built on first use; `None` inside when some pattern does not
    /// compile, and the search goes region by region.
    claims: OnceLock<Option<Claims>>,
}

/// `first_claiming_region` in two passes over the number instead of up to two regex
/// searches per region: a Canadian number, the 8th of 25 regions sharing +1, took 17.
struct Claims {
    /// Region `i`'s leading digits match (a prefix match).
    leading: RegionSet,
    /// Region `i`'s general pattern matches (a full match).
    general: RegionSet,
}

/// One pattern per region, searched in one pass: which regions match, as bits.
struct RegionSet {
    set: PatternSet,
    /// The region of each pattern in `set`.
    region_of: Vec<usize>,
    /// Regions that match every number: a pattern too short to be wrapped (see `Matcher`).
    always: u64,
}

impl RegionSet {
    /// From each region's pattern as the library compiles it: `None` never matches.
    /// `None` when the patterns do not compile together.
    fn build(patterns: &[Option<&str>]) -> Option<RegionSet> {
        let (mut always, mut region_of, mut kept) = (0u64, Vec::new(), Vec::new());
        for (i, p) in patterns.iter().enumerate() {
            match p {
                None => {}
                Some(p) if p.len() < MIN_WRAPPED_LEN => always |= 1 << i,
                Some(p) => {
                    region_of.push(i);
                    kept.push(*p);
                }
            }
        }
        let set = PatternSet::compile(&kept)?;
        Some(RegionSet {
            set,
            region_of,
            always,
        })
    }

    fn matches(&self, nsn: &[u8]) -> u64 {
        let mut bits = self.always;
        self.set
            .for_each_match(nsn, |p| bits |= 1 << self.region_of[p]);
        bits
    }
}

impl Claims {
    /// `None` when a pattern does not compile (or, impossibly, over 64 regions share a code).
    fn build(regions: &[Option<Ranges>]) -> Option<Claims> {
        let (leading, general) = Claims::patterns(regions)?;
        Some(Claims {
            leading: RegionSet::build(&leading)?,
            general: RegionSet::build(&general)?,
        })
    }

    /// Each region's leading-digits pattern (a prefix match, so without its `$`) and
    /// general pattern. `None` as for `build`.
    #[allow(clippy::type_complexity)]
    fn patterns(
        regions: &[Option<Ranges>],
    ) -> Option<(Vec<Option<&'static str>>, Vec<Option<&'static str>>)> {
        if regions.len() > 64 {
            return None;
        }
        let mut leading = Vec::with_capacity(regions.len());
        let mut general = Vec::with_capacity(regions.len());
        for region in regions {
            let Some(r) = region else {
                // The search stops here; what follows is never looked at.
                leading.push(None);
                general.push(None);
                continue;
            };
            leading.push(match r.leading_digits {
                Some(p) if p.len() >= MIN_WRAPPED_LEN => Some(p.strip_suffix('$')?),
                other => other,
            });
            general.push(r.general.pattern);
        }
        Some((leading, general))
    }

    /// `first_claiming_region`: the main region the usual way, since it claims most
    /// numbers (a US number is decided by two small regexes); the rest with every region's
    /// leading-digits and general pattern matched at once.
    fn first_claiming_region(&self, regions: &[Option<Ranges>], nsn: &[u8]) -> Option<bool> {
        let (main, rest) = regions.split_first()?;
        if let Claim::Decides(verdict) = own_claim(main.as_ref(), nsn)? {
            return Some(verdict);
        }
        let (leading, general) = (self.leading.matches(nsn), self.general.matches(nsn));
        for (i, region) in rest.iter().enumerate().map(|(i, r)| (i + 1, r)) {
            let bit = 1 << i;
            let turn = claim(
                region.as_ref(),
                |_| Some(leading & bit != 0),
                |r| r.accepts_when(nsn, general & bit != 0),
            );
            if let Claim::Decides(verdict) = turn? {
                return Some(verdict);
            }
        }
        Some(false)
    }
}

/// The digits the library matches its patterns against: the national number, after the
/// leading zeros it records for Italian-style numbers (at most 10).
fn national_significant_number<'b>(number: &PhoneNumber, buf: &'b mut [u8; 32]) -> &'b [u8] {
    let zeros = if number.italian_leading_zero() {
        usize::try_from(number.number_of_leading_zeros())
            .unwrap_or(0)
            .min(10)
    } else {
        0
    };
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(number.national_number).as_bytes();
    buf[..zeros].fill(b'0');
    buf[zeros..zeros + digits.len()].copy_from_slice(digits);
    &buf[..zeros + digits.len()]
}

/// One region's patterns, borrowed from the library's metadata, and what was compiled
/// from them so far.
struct Ranges {
    /// Claims a number for this region among those sharing its country code.
    leading_digits: Option<&'static str>,
    general: Desc,
    /// The descs whose match makes a number valid, in the library's order.
    types: Vec<Desc>,
    leading_digits_regex: OnceLock<Option<Matcher>>,
    general_regex: OnceLock<Option<Matcher>>,
    /// Index: national number length.
    types_by_length: [OnceLock<Option<Matcher>>; MAX_CACHED_LEN + 1],
    /// Index: national number length. The general pattern and that length's type
    /// union in one DFA, so that `accepts` walks the number once; `None` inside where
    /// either is trivial or they do not fit a DFA, and the two matchers above answer.
    /// Boxed: an unbuilt slot is a pointer, not a DFA's worth of bytes in every region.
    both_by_length: [OnceLock<Option<Box<DfaSet>>>; MAX_CACHED_LEN + 1],
}

/// A number type's possible lengths and pattern.
struct Desc {
    /// Empty: any length.
    lengths: &'static [i32],
    /// Which lengths below 64 `lengths` allows, as bits (bit `n`: length `n`): a shift
    /// instead of a search of the list for every number.
    length_bits: u64,
    /// As stored by the library, `^(?:…)$`; `None` when the type has no numbers.
    pattern: Option<&'static str>,
}

impl Desc {
    fn new(lengths: &'static [i32], pattern: Option<&'static str>) -> Desc {
        let length_bits = if lengths.is_empty() {
            u64::MAX
        } else {
            lengths
                .iter()
                .filter_map(|&l| u32::try_from(l).ok())
                .fold(0, |bits, l| bits | 1u64.checked_shl(l).unwrap_or(0))
        };
        Desc {
            lengths,
            length_bits,
            pattern,
        }
    }

    fn allows(&self, len: usize) -> bool {
        match u32::try_from(len)
            .ok()
            .and_then(|l| self.length_bits.checked_shr(l))
        {
            Some(bits) => bits & 1 != 0,
            None => {
                self.lengths.is_empty()
                    || i32::try_from(len).is_ok_and(|l| self.lengths.contains(&l))
            }
        }
    }
}

/// Reads a `PhoneNumberDescWrapper` field of the library's metadata into a [`Desc`]; a
/// macro because the wrapper's type cannot be named here.
macro_rules! desc {
    ($wrapper:expr) => {{
        let wrapper = $wrapper;
        Desc::new(
            &wrapper.original.possible_length,
            wrapper.national_number_pattern().pattern_base.as_deref(),
        )
    }};
}

impl Ranges {
    /// The library's `get_number_type_helper(..) != Unknown`. `None`: ask the library.
    fn accepts(&self, nsn: &[u8]) -> Option<bool> {
        if !self.general.allows(nsn.len()) {
            return Some(false);
        }
        let both = self
            .both_by_length
            .get(nsn.len())?
            .get_or_init(|| self.general_and_types(nsn.len()).map(Box::new));
        if let Some(both) = both {
            let mut matched = 0u8;
            both.for_each_match(nsn, |p| matched |= 1 << p);
            return Some(matched == 0b11);
        }
        let general = self
            .general_regex
            .get_or_init(|| Matcher::any_of([self.general.pattern]))
            .as_ref()?;
        self.accepts_when(nsn, general.is_match(nsn)?)
    }

    /// `accepts`, given whether the general pattern matches `nsn`.
    fn accepts_when(&self, nsn: &[u8], general_matches: bool) -> Option<bool> {
        let len = nsn.len();
        if !self.general.allows(len) || !general_matches {
            return Some(false);
        }
        let types = self
            .types_by_length
            .get(len)?
            .get_or_init(|| Matcher::any_of(self.type_patterns(len)))
            .as_ref()?;
        types.is_match(nsn)
    }

    /// Pattern 0 the general pattern, pattern 1 the union of the types allowing `len`, in
    /// one DFA; `None` when either needs no regex or they do not fit a DFA.
    fn general_and_types(&self, len: usize) -> Option<DfaSet> {
        let general = union_of([self.general.pattern]).ok()?;
        let types = union_of(self.type_patterns(len)).ok()?;
        DfaSet::build(&[&general, &types])
    }

    /// The patterns of the types that allow numbers of length `len`.
    fn type_patterns(&self, len: usize) -> impl Iterator<Item = Option<&'static str>> + '_ {
        self.types
            .iter()
            .filter(move |d| d.allows(len))
            .map(|d| d.pattern)
    }

    /// The library's prefix match of the region's leading-digits pattern. `None`: ask the
    /// library.
    fn leading_digits_match(&self, nsn: &[u8]) -> Option<bool> {
        let matcher = self
            .leading_digits_regex
            .get_or_init(|| Matcher::anchor_start(self.leading_digits))
            .as_ref()?;
        matcher.is_match(nsn)
    }
}

/// Whether the library has a region for country calling code `code`, as its
/// `get_region_for_country_code` answers (a test checks every code below 1000): one
/// indexed load instead of a lookup in its maps.
pub fn is_known_code(code: i32) -> bool {
    country(code).is_some()
}

/// The regions of a country calling code, main region first as the library orders them;
/// `None` for an unknown code. An entry is `None` where the library finds no metadata.
fn country(code: i32) -> Option<&'static Country> {
    static TABLE: LazyLock<Table> = LazyLock::new(build_table);
    let table = &*TABLE;
    let slot = *table.by_code.get(usize::try_from(code).ok()?)?;
    table.countries.get(usize::from(slot))
}

/// The countries, and for each code below `MAX_CODE` where its country is (`u16::MAX`
/// for none): one indexed load a number instead of a binary search.
struct Table {
    by_code: Box<[u16]>,
    countries: Vec<Country>,
}

/// Country calling codes have one to three digits.
const MAX_CODE: usize = 1000;

fn build_table() -> Table {
    let mut by_code = vec![u16::MAX; MAX_CODE].into_boxed_slice();
    let mut countries = Vec::new();
    for (code, country) in build_countries() {
        let slot = usize::try_from(code).ok().and_then(|c| by_code.get_mut(c));
        let index = u16::try_from(countries.len()).ok();
        // A code outside 0..1000 (none exists) is simply not looked up.
        if let (Some(slot), Some(index)) = (slot, index) {
            *slot = index;
            countries.push(country);
        }
    }
    Table { by_code, countries }
}

fn build_countries() -> Vec<(i32, Country)> {
    let util = AsOriginal::as_original(&*PHONE_NUMBER_UTIL);
    let mut codes: Vec<i32> = PHONE_NUMBER_UTIL.get_supported_calling_codes().collect();
    codes.sort_unstable();
    codes.dedup();
    let mut table = Vec::with_capacity(codes.len());
    for code in codes {
        let Some(regions) = PHONE_NUMBER_UTIL.get_regions_for_country_calling_code(code) else {
            continue;
        };
        let regions: Vec<Region> = regions.collect();
        let shared = regions.len() > 1;
        let mut ranges = Vec::with_capacity(regions.len());
        let mut national_prefix = None;
        for (i, region) in regions.into_iter().enumerate() {
            // Alone, a region is looked up as `is_valid_number_for_region` does (region 001
            // by code, and only with that code's metadata); shared, by name only, as the
            // library's region search does.
            let metadata = if shared {
                util.get_metadata_for_region(region)
            } else {
                util.get_metadata_for_region_or_calling_code(code, region)
                    .filter(|m| region != Region::World || m.original.country_code() == code)
            };
            let Some(m) = metadata else {
                ranges.push(None);
                continue;
            };
            if i == 0 {
                national_prefix = m.national_prefix_for_parsing().pattern_base.as_deref();
            }
            let mut types = vec![
                desc!(&m.premium_rate),
                desc!(&m.toll_free),
                desc!(&m.shared_cost),
                desc!(&m.voip),
                desc!(&m.personal_number),
                desc!(&m.pager),
                desc!(&m.uan),
                desc!(&m.voicemail),
                desc!(&m.fixed_line),
            ];
            // With equal patterns the library tries fixed line only, even where the mobile
            // desc allows a length the fixed-line one does not.
            if !m.original.same_mobile_and_fixed_line_pattern() {
                types.push(desc!(&m.mobile));
            }
            ranges.push(Some(Ranges {
                leading_digits: m.leading_digits().pattern_base.as_deref(),
                general: desc!(&m.general_desc),
                types,
                leading_digits_regex: OnceLock::new(),
                general_regex: OnceLock::new(),
                types_by_length: Default::default(),
                both_by_length: Default::default(),
            }));
        }
        table.push((
            code,
            Country {
                regions: ranges,
                national_prefix,
                national_prefix_regex: OnceLock::new(),
                claims: OnceLock::new(),
            },
        ));
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::shared_csv;

    use proptest::prelude::*;
    use regex::bytes::RegexBuilder;
    use rlibphonenumber::PhoneNumberType;

    #[test]
    fn every_shared_code_gets_its_one_pass_claims() {
        // Guards the differential tests below against checking only the fallback loop.
        let shared: Vec<i32> = [1, 7, 44, 61]
            .into_iter()
            .filter(|&code| {
                let country = country(code).unwrap();
                country.regions.len() > 1 && Claims::build(&country.regions).is_some()
            })
            .collect();
        assert_eq!(shared, [1, 7, 44, 61]);
    }

    /// Every pattern any region can compile (leading digits, general, the type union of
    /// each length), as `Matcher::compile` gets it, with where it is from.
    fn every_compiled_pattern() -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut codes: Vec<i32> = regions()
            .iter()
            .map(|&r| PHONE_NUMBER_UTIL.get_country_code_for_region(r).unwrap())
            .collect();
        codes.sort_unstable();
        codes.dedup();
        for code in codes {
            for (i, r) in country(code).unwrap().regions.iter().flatten().enumerate() {
                let from = |what: &str| format!("+{code} region {i}: {what}");
                if let Some(p) = r.leading_digits.filter(|p| p.len() >= MIN_WRAPPED_LEN) {
                    out.push((
                        from("leading digits"),
                        p.strip_suffix('$').unwrap().to_owned(),
                    ));
                }
                if let Ok(p) = union_of([r.general.pattern]) {
                    out.push((from("general"), p));
                }
                for len in 0..=MAX_CACHED_LEN {
                    let types = r.types.iter().filter(|d| d.allows(len)).map(|d| d.pattern);
                    if let Ok(p) = union_of(types) {
                        out.push((from(&format!("types of length {len}")), p));
                    }
                }
            }
        }
        out
    }

    /// Digit strings of every length up to `MAX_CACHED_LEN`, 40 of each, fixed.
    fn digit_strings() -> Vec<Vec<u8>> {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            b'0' + (x % 10) as u8
        };
        (0..=MAX_CACHED_LEN)
            .flat_map(|len| std::iter::repeat_n(len, 40))
            .map(|len| (0..len).map(|_| next()).collect())
            .collect()
    }

    #[test]
    fn every_pattern_is_a_dfa_that_agrees_with_the_regex() {
        // Guards the differential tests below against checking only the fallback, and
        // compares the two engines directly on every pattern.
        let patterns = every_compiled_pattern();
        assert!(patterns.len() > 1000, "{}", patterns.len());
        let mut inputs = digit_strings();
        let mut not_dfa = Vec::new();
        let mut disagree = Vec::new();
        for (from, pattern) in &patterns {
            let Some(Matcher::Dfa(dfa)) = Matcher::compile(pattern) else {
                not_dfa.push(from.clone());
                continue;
            };
            let dfa = Matcher::Dfa(dfa);
            let regex = RegexBuilder::new(pattern).unicode(false).build().unwrap();
            // The digits of the pattern's own literal prefixes reach its ranges too.
            inputs.truncate(digit_strings().len());
            let literal: Vec<u8> = pattern.bytes().filter(u8::is_ascii_digit).collect();
            inputs.extend((1..=literal.len().min(MAX_CACHED_LEN)).map(|n| literal[..n].to_vec()));
            for input in &inputs {
                if dfa.is_match(input) != Some(regex.is_match(input)) {
                    disagree.push(format!("{from} on {}", String::from_utf8_lossy(input)));
                }
            }
        }
        assert!(
            not_dfa.is_empty(),
            "{} are not DFAs: {not_dfa:?}",
            not_dfa.len()
        );
        assert!(
            disagree.is_empty(),
            "{} disagree: {disagree:?}",
            disagree.len()
        );
    }

    #[test]
    fn length_bits_allow_exactly_the_listed_lengths() {
        static ODD: [i32; 5] = [-1, 0, 9, 63, 64];
        static NONE: [i32; 0] = [];
        let desc = Desc::new(&ODD, None);
        let any = Desc::new(&NONE, None);
        for len in 0..200 {
            let listed = ODD.contains(&i32::try_from(len).unwrap());
            assert_eq!(desc.allows(len), listed, "length {len}");
            assert!(any.allows(len), "length {len}");
        }
        assert!(!desc.allows(usize::MAX) && any.allows(usize::MAX));
    }

    #[test]
    fn known_codes_are_the_librarys() {
        for code in 0..MAX_CODE as i32 {
            let library = PHONE_NUMBER_UTIL
                .get_region_for_country_code(code)
                .is_some();
            assert_eq!(is_known_code(code), library, "+{code}");
        }
    }

    #[test]
    fn codes_outside_the_table_have_no_country() {
        for code in [-1, 0, 1000, 1001, i32::MAX, i32::MIN] {
            assert!(country(code).is_none(), "{code}");
        }
        assert_eq!(country(44).unwrap().regions.len(), 4);
        assert!(country(1).unwrap().regions.len() > 20);
    }

    #[test]
    fn region_sets_are_dfas_that_agree_with_each_pattern_alone() {
        let mut disagree = Vec::new();
        for code in [1, 7, 44, 61] {
            let (leading, general) = Claims::patterns(&country(code).unwrap().regions).unwrap();
            for (what, patterns) in [("leading digits", leading), ("general", general)] {
                let set = RegionSet::build(&patterns).unwrap();
                assert!(matches!(set.set, PatternSet::Dfa(_)), "+{code} {what}");
                // Each region's pattern on its own, with the library's quirks.
                type Alone = Box<dyn Fn(&[u8]) -> bool>;
                let alone: Vec<Alone> = patterns
                    .iter()
                    .map(|p| -> Alone {
                        match p {
                            None => Box::new(|_| false),
                            Some(p) if p.len() < MIN_WRAPPED_LEN => Box::new(|_| true),
                            Some(p) => {
                                let regex = RegexBuilder::new(p).unicode(false).build().unwrap();
                                Box::new(move |nsn| regex.is_match(nsn))
                            }
                        }
                    })
                    .collect();
                let mut inputs = digit_strings();
                // The digits of the patterns' literal prefixes reach their ranges too.
                for p in patterns.iter().flatten() {
                    let literal: Vec<u8> = p.bytes().filter(u8::is_ascii_digit).collect();
                    inputs.extend(
                        (1..=literal.len().min(MAX_CACHED_LEN)).map(|n| literal[..n].to_vec()),
                    );
                }
                for input in &inputs {
                    let expected = alone
                        .iter()
                        .enumerate()
                        .fold(0u64, |bits, (i, m)| bits | u64::from(m(input)) << i);
                    if set.matches(input) != expected {
                        disagree.push(format!(
                            "+{code} {what} on {}",
                            String::from_utf8_lossy(input)
                        ));
                    }
                }
            }
        }
        assert!(
            disagree.is_empty(),
            "{} disagree: {disagree:?}",
            disagree.len()
        );
    }

    #[test]
    fn one_walk_for_general_and_types_agrees_with_two() {
        // Every region of every code, at each length its general desc allows: the one
        // DFA must say "both match" exactly when the two matchers do.
        let (mut pairs, mut accepted, mut disagree) = (0, 0, Vec::new());
        for code in 1..MAX_CODE as i32 {
            let Some(country) = country(code) else {
                continue;
            };
            for (i, r) in country.regions.iter().flatten().enumerate() {
                let general = Matcher::any_of([r.general.pattern]).unwrap();
                for len in (0..=MAX_CACHED_LEN).filter(|&l| r.general.allows(l)) {
                    let Some(both) = r.general_and_types(len) else {
                        continue;
                    };
                    pairs += 1;
                    let types = Matcher::any_of(r.type_patterns(len)).unwrap();
                    let literal: Vec<u8> = r
                        .types
                        .iter()
                        .filter_map(|d| d.pattern)
                        .flat_map(|p| p.bytes().filter(u8::is_ascii_digit))
                        .collect();
                    let mut inputs: Vec<Vec<u8>> = digit_strings()
                        .into_iter()
                        .filter(|d| d.len() == len)
                        .collect();
                    // Digits from the patterns' literals, cut to length, reach their ranges.
                    inputs.extend(
                        literal
                            .windows(len.max(1))
                            .step_by(3)
                            .take(40)
                            .map(<[u8]>::to_vec),
                    );
                    for input in inputs.iter().filter(|d| d.len() == len) {
                        let mut matched = 0u8;
                        both.for_each_match(input, |p| matched |= 1 << p);
                        let two = general.is_match(input) == Some(true)
                            && types.is_match(input) == Some(true);
                        accepted += usize::from(two);
                        if (matched == 0b11) != two {
                            disagree.push(format!(
                                "+{code} region {i} on {}",
                                String::from_utf8_lossy(input)
                            ));
                        }
                    }
                }
            }
        }
        // Enough pairs, and enough numbers both accept, for the comparison to mean something.
        assert!(
            pairs > 500 && accepted > 5000,
            "{pairs} pairs, {accepted} accepted"
        );
        assert!(
            disagree.is_empty(),
            "{} disagree: {disagree:?}",
            disagree.len()
        );
    }

    #[test]
    fn region_sets_keep_the_library_quirks_for_missing_and_short_patterns() {
        // Region 0 has no pattern (never matches), region 1 one too short to be wrapped
        // (matches everything), region 2 a real one.
        let set = RegionSet::build(&[None, Some("\\d"), Some("^(?:[2-9]\\d{2})$")]).unwrap();
        assert_eq!(set.matches(b"212"), 0b110);
        assert_eq!(set.matches(b"112"), 0b010);
        // Prefix matches of different lengths are all found.
        let nested = RegionSet::build(&[Some("^(?:21)"), Some("^(?:2)"), Some("^(?:3)")]).unwrap();
        assert!(matches!(nested.set, PatternSet::Dfa(_)));
        assert_eq!(nested.matches(b"212"), 0b011);
        assert_eq!(nested.matches(b"2"), 0b010);
    }

    /// Compares with the library on `number` as parsed from `input`; a parse error (the
    /// library never judges validity then) compares nothing.
    fn agrees(input: &str, region: Option<Region>) -> Result<(), String> {
        let Ok(number) = PHONE_NUMBER_UTIL.parse(input, region) else {
            return Ok(());
        };
        let (ours, theirs) = (is_valid(&number), number.is_valid());
        if ours == theirs {
            Ok(())
        } else {
            Err(format!(
                "{input:?} in {region:?} ({number:?}): ours {ours}, library {theirs}"
            ))
        }
    }

    fn check_all(cases: impl IntoIterator<Item = (String, Option<Region>)>) -> usize {
        let mut count = 0;
        let failures: Vec<String> = cases
            .into_iter()
            .inspect(|_| count += 1)
            .filter_map(|(input, region)| agrees(&input, region).err())
            .collect();
        assert!(
            failures.is_empty(),
            "{} of {count} disagree:\n{}",
            failures.len(),
            failures.join("\n")
        );
        count
    }

    /// Every supported region, sorted so failures reproduce.
    fn regions() -> &'static [Region] {
        static REGIONS: LazyLock<Vec<Region>> = LazyLock::new(|| {
            let mut regions: Vec<Region> = PHONE_NUMBER_UTIL.get_supported_regions().collect();
            regions.sort_by_key(|r| r.to_string());
            regions
        });
        &REGIONS
    }

    /// Every example number of every region and non-geographic code, with its country code.
    fn example_numbers() -> &'static [(i32, String)] {
        static EXAMPLES: LazyLock<Vec<(i32, String)>> = LazyLock::new(|| {
            let types = [
                PhoneNumberType::FixedLine,
                PhoneNumberType::Mobile,
                PhoneNumberType::TollFree,
                PhoneNumberType::PremiumRate,
                PhoneNumberType::SharedCost,
                PhoneNumberType::VoIP,
                PhoneNumberType::PersonalNumber,
                PhoneNumberType::Pager,
                PhoneNumberType::UAN,
                PhoneNumberType::VoiceMail,
            ];
            let nsn = rlibphonenumber::get_national_significant_number_owned;
            let mut out = Vec::new();
            for &region in regions() {
                for t in types {
                    let example =
                        PHONE_NUMBER_UTIL.get_example_number_for_type_and_region(region, t);
                    if let Ok(n) = example {
                        out.push((n.country_code, nsn(&n)));
                    }
                }
                if let Ok(n) = PHONE_NUMBER_UTIL.get_invalid_example_number(region) {
                    out.push((n.country_code, nsn(&n)));
                }
            }
            let mut non_geo: Vec<i32> = PHONE_NUMBER_UTIL
                .get_supported_global_network_calling_codes()
                .collect();
            non_geo.sort_unstable();
            for code in non_geo {
                if let Ok(n) = PHONE_NUMBER_UTIL.get_example_number_for_non_geo_entity(code) {
                    out.push((n.country_code, nsn(&n)));
                }
            }
            out
        });
        &EXAMPLES
    }

    #[test]
    fn conformance_cases_agree_with_the_library() {
        let (Some(cases), Some(detail), Some(examples)) = (
            shared_csv("cases.csv"),
            shared_csv("cases_detail.csv"),
            shared_csv("example_numbers.csv"),
        ) else {
            return;
        };
        let mut inputs = Vec::new();
        for row in cases.iter().chain(&detail) {
            let region: Region = row[1].parse().unwrap();
            inputs.push((row[0].trim().to_owned(), Some(region)));
            inputs.push((row[0].trim().to_owned(), None));
            inputs.push((row[2].to_owned(), None));
        }
        for row in &examples {
            let region: Region = row[0].parse().unwrap();
            inputs.push((format!("+{}{}", &row[1], &row[5]), None));
            inputs.push((row[5].to_owned(), Some(region)));
        }
        assert_eq!(check_all(inputs), 3 * 2 * 816 + 2 * 673);
    }

    /// Each example number, and each with one digit changed, dropped or added anywhere
    /// (built as the canonical-E.164 path builds them): every length and most range
    /// boundaries of every region.
    #[test]
    fn example_numbers_and_their_neighbours_agree_with_the_library() {
        let mut failures = Vec::new();
        let mut count = 0;
        for (code, nsn) in example_numbers() {
            let mut variants = vec![nsn.clone()];
            for at in 0..=nsn.len() {
                for d in '0'..='9' {
                    if at < nsn.len() {
                        let mut changed = nsn.clone();
                        changed.replace_range(at..=at, &d.to_string());
                        variants.push(changed);
                    }
                    let mut added = nsn.clone();
                    added.insert(at, d);
                    variants.push(added);
                }
                if at < nsn.len() && nsn.len() > 1 {
                    let mut dropped = nsn.clone();
                    dropped.remove(at);
                    variants.push(dropped);
                }
            }
            for v in variants {
                let n = direct(*code, &v);
                count += 1;
                if is_valid(&n) != n.is_valid() {
                    failures.push(format!("+{code} {v}: library {}", n.is_valid()));
                }
            }
        }
        assert!(count > 100_000, "{count}");
        assert!(
            failures.is_empty(),
            "{} of {count}:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    /// Builds the number the way `phone::from_e164` does for canonical input.
    fn direct(code: i32, nsn: &str) -> PhoneNumber {
        let mut n = PhoneNumber {
            country_code: code,
            national_number: nsn.parse().unwrap(),
            ..PhoneNumber::default()
        };
        let zeros = nsn.bytes().take_while(|&b| b == b'0').count();
        if zeros > 0 && nsn.len() > 1 {
            n.italian_leading_zero = Some(true);
            n.number_of_leading_zeros = Some(zeros.min(nsn.len() - 1) as i32);
        }
        n
    }

    /// Possible lengths of a region's numbers, one shorter and one longer.
    fn lengths(region: Region) -> Vec<usize> {
        let util = AsOriginal::as_original(&*PHONE_NUMBER_UTIL);
        let m = util.get_metadata_for_region(region).unwrap();
        let mut lengths: Vec<usize> = m
            .general_desc
            .original
            .possible_length
            .iter()
            .filter_map(|&l| usize::try_from(l).ok())
            .flat_map(|l| [l.saturating_sub(1).max(1), l, l + 1])
            .collect();
        lengths.sort_unstable();
        lengths.dedup();
        lengths
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(10_000))]

        /// Random national numbers of every possible length (and one off) in every region,
        /// half of them starting like one of the region's example numbers so that valid
        /// ranges are hit, not only invalid ones.
        #[test]
        fn random_numbers_of_every_region_agree_with_the_library(
            region in 0..regions().len(),
            length in 0usize..64,
            prefix in 0usize..8,
            digits in "[0-9]{20}",
            seed in 0usize..1000,
        ) {
            let region = regions()[region];
            let code = PHONE_NUMBER_UTIL.get_country_code_for_region(region).unwrap();
            let lengths = lengths(region);
            let length = lengths[length % lengths.len()];
            let examples: Vec<&String> = example_numbers()
                .iter()
                .filter(|(c, _)| *c == code)
                .map(|(_, nsn)| nsn)
                .collect();
            let mut nsn = String::new();
            if let Some(example) = examples.get(seed % examples.len().max(1)).filter(|_| seed % 2 == 0) {
                nsn.push_str(&example[..prefix.min(example.len())]);
            }
            nsn.push_str(&digits);
            nsn.truncate(length);
            let number = direct(code, &nsn);
            prop_assert_eq!(is_valid(&number), number.is_valid(), "+{} {}", code, nsn);
            prop_assert!(agrees(&format!("+{code}{nsn}"), None).is_ok(), "{:?}", agrees(&format!("+{code}{nsn}"), None));
            prop_assert!(agrees(&nsn, Some(region)).is_ok(), "{:?}", agrees(&nsn, Some(region)));
        }
    }

    #[test]
    fn unknown_country_codes_and_odd_numbers_agree_with_the_library() {
        for code in [0, -1, 2, 42, 999, 1000, i32::MAX] {
            let n = PhoneNumber {
                country_code: code,
                national_number: 2125550123,
                ..PhoneNumber::default()
            };
            assert_eq!(is_valid(&n), n.is_valid(), "{code}");
        }
        for (code, national_number, zeros) in [
            (39, 0, Some(3)),
            (39, 612345678, Some(11)),
            (39, 612345678, Some(-2)),
            (1, u64::MAX, None),
            (44, 7_400_123_456, Some(1)),
        ] {
            let n = PhoneNumber {
                country_code: code,
                national_number,
                italian_leading_zero: Some(zeros.is_some()),
                number_of_leading_zeros: zeros,
                ..PhoneNumber::default()
            };
            assert_eq!(is_valid(&n), n.is_valid(), "{n:?}");
        }
    }
}

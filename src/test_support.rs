//! Helpers shared by unit tests.

use std::path::PathBuf;

/// Reads a CSV under the shared phone conformance folder (`../shared/conformance/phone`);
/// `None` (after a note) when it is absent outside CI, an error when CI is set.
pub fn shared_csv(name: &str) -> Option<Vec<csv::StringRecord>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/conformance/phone")
        .join(name);
    if !path.exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "conformance file {} is missing (CI is set, so this is an error)",
            path.display()
        );
        eprintln!("note: {} not found, skipping", path.display());
        return None;
    }
    let mut reader = csv::Reader::from_path(&path).unwrap();
    Some(reader.records().map(Result::unwrap).collect())
}

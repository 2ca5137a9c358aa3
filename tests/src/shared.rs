//! Paths to `../shared` (the WSDLs and SuperOffice's published examples) and the manifest.

use std::path::PathBuf;

/// `../shared` seen from the repository root.
pub fn shared_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared")
}

/// The directory of one service's published examples.
pub fn conformance_dir(service: &str) -> PathBuf {
    shared_dir()
        .join("conformance/superoffice-docs/Services87")
        .join(service)
}

/// The operation names listed in a service's `manifest.json`.
pub fn manifest_operations(service: &str) -> Vec<String> {
    let path = conformance_dir(service).join("manifest.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let manifest: serde_json::Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
    manifest["operations"]
        .as_array()
        .unwrap_or_else(|| panic!("{} has no operations array", path.display()))
        .iter()
        .filter_map(|op| op["name"].as_str().map(str::to_owned))
        .collect()
}

/// The bytes of one published example file.
pub fn example(service: &str, file: &str) -> Vec<u8> {
    let path = conformance_dir(service).join(file);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

//! Paths to the repository's copies of the SuperOffice WSDLs (`wsdl/services87`) and
//! published examples (`tests/conformance`), and the examples' manifests.

use std::path::PathBuf;

/// The repository root.
fn repository_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The SuperOffice Services87 WSDLs.
pub fn wsdl_dir() -> PathBuf {
    repository_root().join("wsdl/services87")
}

/// The directory of one service's published examples.
pub fn conformance_dir(service: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("conformance/Services87")
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

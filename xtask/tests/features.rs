//! The checked-in crate compiles, without warnings, with any selection of its service
//! features: none, one service alone, and two together (a downstream crate that enables
//! `so-principal` and `contact` compiles only those services and the shared types they reach).
//! `full` is compiled by the workspace's own tests.
//!
//! Checked with the `CARGO_TARGET_DIR` `target/gen-check/` that `gen.rs` uses too, so the
//! runtime and its dependencies are built once.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail by panicking.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask is inside the repository")
        .to_path_buf()
}

/// `cargo check` of the generated crate with exactly `features`, warnings denied.
fn check_with_features(features: &str) {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .args([
            "check",
            "--offline",
            "--quiet",
            "-p",
            "superoffice-services87",
        ])
        .current_dir(root())
        .env("CARGO_TARGET_DIR", root().join("target/gen-check"))
        .env("RUSTFLAGS", "-Dwarnings")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env_remove("RUSTC_WORKSPACE_WRAPPER");
    if !features.is_empty() {
        command.args(["--features", features]);
    }
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "cargo check with features [{features}] failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn the_generated_crate_checks_with_any_selection_of_services() {
    // No service: only what every service shares.
    check_with_features("");
    // One small service alone; EMail, whose schema has an element named `Send`.
    check_with_features("tooltips");
    check_with_features("email");
    // The two services of the README's example.
    check_with_features("so-principal,contact");
}

#[test]
fn every_service_has_a_feature_and_full_has_them_all() {
    let manifest = std::fs::read_to_string(root().join("generated/Cargo.toml")).unwrap();
    let config = xtask::read_config(&root()).unwrap();
    let features: Vec<String> = config
        .service
        .iter()
        .map(|s| wsdl_codegen::names::feature_name(&s.module))
        .collect();
    assert_eq!(features.len(), 56, "services in wsdl/services.toml");
    let full_line = manifest
        .lines()
        .find(|l| l.starts_with("full = ["))
        .expect("no `full` feature");
    for feature in &features {
        assert!(
            manifest.lines().any(|l| l == format!("{feature} = []")),
            "no feature `{feature}` in generated/Cargo.toml"
        );
        assert!(
            full_line.contains(&format!("\"{feature}\"")),
            "`full` lacks `{feature}`"
        );
    }
}

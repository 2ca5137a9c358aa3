//! `cargo xtask`: regenerate the checked-in crate from the WSDLs, or check that it is fresh.

use std::path::PathBuf;
use std::process::ExitCode;

use xtask::{RegenOptions, regen};

/// The generator allocates many small token trees; mimalloc makes it about a quarter faster
/// than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "\
usage:
  cargo xtask regen [--check] [--wsdl DIR | --wsdl MODULE=FILE]...
  cargo xtask gen --wsdl <path or URL>... --out <dir> [--crate-name NAME] [--lenient]
                  [--runtime-version V]

  regen            regenerate generated/ from the WSDLs listed in wsdl/services.toml
  --check          write nothing; fail and name the stale files if generated/ is not fresh
  --wsdl DIR       read the WSDL files from DIR instead of the configured wsdl_dir
  --wsdl MODULE=FILE  read one module's WSDL from FILE

  gen              write a standalone crate (types, traits, client, server) for any WSDL 1.1;
                   imports are followed relative to each file or URL, each document fetched once
  --wsdl W         a WSDL file or URL; repeat it to generate one crate from several WSDLs
  --out DIR        the crate directory
  --crate-name N   the package name; default: the WSDL's file name (`CustomerService.svc?wsdl`
                   → customer-service), or with several WSDLs the name of DIR
  --lenient        generate what is supported and list each skipped construct
  --runtime-version V  depend on soap-runtime V from a registry; default: this checkout's
                   runtime/ by a path relative to --out

  With one --wsdl, the crate's lib.rs is one module. With several, each WSDL becomes a module
  behind a Cargo feature of the same name (`_` → `-`; `full` enables all, and is the default),
  and the types they define identically go to common.rs, each gated by the features of the
  modules that use it (the summary then counts a shared type once per module using it).
  A module is named after its WSDL's file name (last path or URL segment, query left out) up
  to the first `.`, in snake_case: Services87-Contact.wsdl → services87_contact,
  CustomerService.svc?wsdl → customer_service. A name already taken by an earlier --wsdl, or
  one of common, namespaces, default and full, gets the first free suffix _2, _3, …:
  a/service.wsdl b/service.wsdl → service, service_2.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> anyhow::Result<()> {
    let Some((command, rest)) = args.split_first() else {
        anyhow::bail!("no command given\n{USAGE}");
    };
    match command.as_str() {
        "regen" => {
            let mut options = RegenOptions::default();
            let mut rest = rest.iter();
            while let Some(arg) = rest.next() {
                match arg.as_str() {
                    "--check" => options.check = true,
                    "--wsdl" => {
                        let value = rest
                            .next()
                            .ok_or_else(|| anyhow::anyhow!("--wsdl needs a value\n{USAGE}"))?;
                        match value.split_once('=') {
                            Some((module, file)) => {
                                options
                                    .wsdl_files
                                    .push((module.to_owned(), PathBuf::from(file)));
                            }
                            None => options.wsdl_dir = Some(PathBuf::from(value)),
                        }
                    }
                    "-h" | "--help" => {
                        println!("{USAGE}");
                        return Ok(());
                    }
                    other => anyhow::bail!("unknown argument `{other}`\n{USAGE}"),
                }
            }
            regen(&xtask::project_root(), &options)
        }
        "gen" => {
            let options =
                xtask::generate::parse_args(rest).map_err(|e| anyhow::anyhow!("{e}\n{USAGE}"))?;
            xtask::generate::generate(&options).map(|_| ())
        }
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(())
        }
        other => anyhow::bail!("unknown command `{other}`\n{USAGE}"),
    }
}

//! The WSDL a generated server answers `GET <path>?wsdl` with: the files that hold it and
//! the path generated code includes it by.

use super::Options;
use super::{Ctx, GeneratedFile, Layout};
use crate::ir::Ir;

/// Where the WSDL of a module is, relative to the generated file that includes it: beside a
/// single module, under `wsdl/` in a crate's `src/`.
fn wsdl_path(module: &str, in_crate: bool) -> String {
    if in_crate {
        format!("wsdl/{module}.wsdl")
    } else {
        format!("{module}.wsdl")
    }
}

/// The files of the WSDLs that generated code includes, with [`Options::embed_wsdl`]: one per
/// module whose WSDL is one UTF-8 document; paths relative to the generated code.
pub fn embedded_wsdl_files(ir: &Ir, options: &Options, in_crate: bool) -> Vec<GeneratedFile> {
    if !options.embed_wsdl {
        return Vec::new();
    }
    ir.modules
        .iter()
        .filter_map(|module| {
            Some(GeneratedFile {
                path: wsdl_path(&module.name, in_crate),
                contents: module.wsdl.clone()?,
            })
        })
        .collect()
}

impl Ctx<'_> {
    /// The path the servers of module `module` include its WSDL by, if it is embedded.
    pub(super) fn embedded_wsdl(&self, module: usize) -> Option<String> {
        let module = self.ir.modules.get(module)?;
        (self.options.embed_wsdl && module.wsdl.is_some())
            .then(|| wsdl_path(&module.name, self.layout == Layout::Crate))
    }
}

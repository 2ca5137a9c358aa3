//! Generates the calculator's client, server adapter and types from `wsdl/calculator.wsdl`
//! (and the `wsdl/types.xsd` it imports) into `OUT_DIR/calculator.rs`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    wsdl_codegen::configure()
        // Every generated schema type also serializes with serde (here: to JSON in the tests).
        .derive("*", "::serde::Serialize")
        .compile(&["wsdl/calculator.wsdl"])?;
    Ok(())
}

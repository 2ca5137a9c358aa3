//! Example of generating SOAP code from `build.rs`: `build.rs` runs
//! `wsdl_codegen::configure()` on `wsdl/calculator.wsdl`, and [`calculator`] includes the
//! module it wrote to `OUT_DIR`: the types of the schema (with `serde::Serialize` derived,
//! as `build.rs` asks), the `Calculator` trait, `CalculatorClient` and `CalculatorServer`.
//!
//! [`Arithmetic`] implements the trait; the tests serve it over HTTP on 127.0.0.1 and call it
//! with the generated client.

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

use soap_runtime::fault::{Fault, FaultBlame};
use soap_runtime::operation::SoapVersion;
use soap_runtime::{Error, Request, Response};

/// The module generated from `wsdl/calculator.wsdl` at build time.
pub mod calculator {
    soap_runtime::include_wsdl!("calculator");
}

use calculator::{Evaluate, EvaluateResponse, Operator, Outcome};

/// The calculator, as a server implements it: integer arithmetic, with a fault for division
/// by zero, overflow and unknown operators.
#[derive(Debug, Clone, Copy, Default)]
pub struct Arithmetic;

impl calculator::Calculator for Arithmetic {
    async fn evaluate(
        &self,
        request: Request<Evaluate, ()>,
    ) -> Result<Response<EvaluateResponse, ()>, Error> {
        let expression = request.into_inner().expression;
        let (left, right) = (expression.left, expression.right);
        let value = match &expression.operator {
            Operator::Add => left.checked_add(right),
            Operator::Subtract => left.checked_sub(right),
            Operator::Multiply => left.checked_mul(right),
            Operator::Divide if right == 0 => return Err(sender_fault("division by zero")),
            Operator::Divide => left.checked_div(right),
            Operator::Unknown(other) => {
                return Err(sender_fault(&format!("unknown operator {other:?}")));
            }
        }
        .ok_or_else(|| sender_fault("the result does not fit in 64 bits"))?;
        Ok(Response::new(EvaluateResponse {
            evaluate_result: Outcome {
                value,
                text: Some(format!("{left} {} {right} = {value}", expression.operator)),
            },
        }))
    }
}

/// A SOAP 1.1 fault blaming the caller.
fn sender_fault(reason: &str) -> Error {
    Error::Fault(Box::new(Fault::new(
        SoapVersion::Soap11,
        FaultBlame::Sender,
        reason,
    )))
}

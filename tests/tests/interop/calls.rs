//! Calls across stacks: zeep calls every operation of our servers, our clients call every
//! operation of node `soap`.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zeep_calls_every_operation_of_our_servers() {
    let python = peers::python();
    let started = Instant::now();
    let cs_log = Log::default();
    let sp_log = Log::default();
    let cs_server = serve(
        cs::CustomerServiceServer::new(CsFake {
            log: cs_log.clone(),
        }),
        ServerConfig::default(),
    )
    .await;
    let sp_server = serve(
        sp::SoPrincipalServer::new(SpFake {
            log: sp_log.clone(),
        }),
        ServerConfig::default(),
    )
    .await;
    let mut command = peers::zeep_client(python);
    command
        .arg("--wsdl")
        .arg(peers::wsdl_dir())
        .arg("call")
        .arg("--customer")
        .arg(cs_server.url(CS_PATH))
        .arg("--principal")
        .arg(sp_server.url(SP_PATH));
    let finished =
        tokio::task::spawn_blocking(move || peers::run(command, Duration::from_secs(120)))
            .await
            .unwrap();
    cs_server.shutdown().await;
    sp_server.shutdown().await;

    let passed = finished
        .stdout
        .lines()
        .filter(|l| l.starts_with("ok "))
        .count();
    println!(
        "zeep → our servers: {passed} of {} calls checked by zeep in {:?}",
        2 * (cs::CUSTOMER_SERVICE_OPERATIONS.len() + sp::SO_PRINCIPAL_OPERATIONS.len()),
        started.elapsed()
    );
    let mut problems = log_problems(&cs_log, cs::CUSTOMER_SERVICE_OPERATIONS);
    problems.extend(log_problems(&sp_log, sp::SO_PRINCIPAL_OPERATIONS));
    assert!(
        problems.is_empty() && finished.status.success(),
        "our servers saw:\n{}\n\nzeep ({}) said:\n{}\n{}",
        problems.join("\n"),
        finished.status,
        finished.stdout,
        finished.stderr
    );
}

// ---- our clients → node soap ----

/// A transport that keeps every response body, by SOAP action.
#[derive(Clone)]
pub(super) struct Recording {
    pub(super) inner: HttpTransport,
    pub(super) bodies: Arc<Mutex<Vec<(String, Bytes)>>>,
}

impl Transport for Recording {
    async fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, TransportError> {
        let action = request
            .headers()
            .get("SOAPAction")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .trim_matches('"')
            .to_owned();
        let response = self.inner.send(request).await?;
        self.bodies
            .lock()
            .unwrap()
            .push((action, response.body().clone()));
        Ok(response)
    }
}

/// What calling node `soap` with every operation gave.
pub(super) struct NodeRun {
    pub(super) outcomes: Vec<Outcome>,
    /// (service, operation, set) → response body.
    pub(super) bodies: BTreeMap<(&'static str, &'static str, Set), Bytes>,
    /// One JSON object per request node served: service, op, set, problems.
    pub(super) records: Vec<serde_json::Value>,
    pub(super) stderr: String,
}

pub(super) async fn call_node() -> NodeRun {
    let node = tokio::task::spawn_blocking(peers::NodeServer::start)
        .await
        .unwrap();
    let mut outcomes = Vec::new();
    let mut bodies = BTreeMap::new();
    for set in Set::ALL {
        let recording = Recording {
            inner: HttpTransport::new().unwrap(),
            bodies: Arc::default(),
        };
        let cs_client =
            CsClient::with_transport(node.url(set.name(), "CustomerService"), recording.clone());
        outcomes.extend(call_every_cs_operation(&cs_client, set).await);
        let sp_client =
            SpClient::with_transport(node.url(set.name(), "SoPrincipal"), recording.clone());
        outcomes.extend(call_every_sp_operation(&sp_client, set).await);
        for (action, body) in recording.bodies.lock().unwrap().iter() {
            let (service, op) = SERVICES
                .iter()
                .find_map(|(service, ops)| {
                    ops.iter()
                        .find(|op| op.soap_action == action)
                        .map(|op| (*service, op.name))
                })
                .unwrap_or_else(|| panic!("no operation has SOAP action {action}"));
            bodies.insert((service, op, set), body.clone());
        }
    }
    let (records, stderr) = tokio::task::spawn_blocking(move || node.stop())
        .await
        .unwrap();
    NodeRun {
        outcomes,
        bodies,
        records,
        stderr,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn our_clients_call_every_operation_of_node_soap() {
    let started = Instant::now();
    let run = call_node().await;
    let (passed, total) = tally(&run.outcomes);
    println!(
        "our clients → node soap: {passed} of {total} operations passed in both sets in {:?}",
        started.elapsed()
    );

    let mut problems: Vec<String> = run
        .outcomes
        .iter()
        .filter_map(|o| {
            o.result
                .as_ref()
                .err()
                .map(|e| format!("{}[{:?}]: {e}", o.op, o.set))
        })
        .collect();
    // node checked every request it received: each operation once per set, as sent.
    let mut seen = Vec::new();
    for record in &run.records {
        let op = record["op"].as_str().unwrap_or_default();
        let set = match record["set"].as_str() {
            Some("A") => Set::A,
            Some("B") => Set::B,
            other => panic!("node served an unknown set {other:?}: {record}"),
        };
        let name = SERVICES
            .iter()
            .flat_map(|(_, ops)| ops.iter())
            .find(|info| info.name == op)
            .map(|info| info.name)
            .unwrap_or_else(|| panic!("node served an unknown operation: {record}"));
        seen.push((name, set));
        if let Some(found) = record["problems"].as_array().filter(|p| !p.is_empty()) {
            problems.push(format!(
                "node received wrong values in {op}[{set:?}]: {found:#?}"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{}\n\nnode's stderr:\n{}",
        problems.join("\n\n"),
        run.stderr
    );
    let all = all_operations();
    assert_covers("the requests node served", &seen, &all);
    let called: Vec<(&'static str, Set)> = run.outcomes.iter().map(|o| (o.op, o.set)).collect();
    assert_covers("the operations called", &called, &all);
}

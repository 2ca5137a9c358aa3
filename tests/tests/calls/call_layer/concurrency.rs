//! Many calls at once through one client.

use super::*;

/// 100 calls at once through one client (shared by `Arc`), each with its own argument and, for
/// some, its own ticket and time zone: every answer is the one derived from its own request.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hundred_concurrent_calls_through_one_client() {
    let echo = Echo::default();
    let stats = Arc::clone(&echo.stats);
    let server = serve_cs(echo).await;
    let mut client = CsClient::new(server.url(CS_PATH)).unwrap();
    client.default_headers_mut().application_token = Some("concurrent-app".to_owned());
    client.default_headers_mut().credentials = Some(SoCredentials {
        ticket: Some("default-ticket".to_owned()),
    });
    let client = Arc::new(client);

    let mut tasks = JoinSet::new();
    for i in 0..100_u64 {
        let client = Arc::clone(&client);
        tasks.spawn(async move {
            let own_ticket = i % 4 == 0;
            let ticket = if own_ticket { format!("ticket-{i}") } else { "default-ticket".to_owned() };
            let zone = (i % 5 == 0).then(|| SoTimeZone {
                so_time_zone_id: Some(i32::try_from(i).unwrap()),
                so_time_zone_location_code: Some(format!("zone-{i}")),
            });
            let set_headers = |headers: &mut cs::CustomerServiceRequestHeaders| {
                if own_ticket {
                    headers.credentials = Some(SoCredentials {
                        ticket: Some(ticket.clone()),
                    });
                }
                headers.time_zone.clone_from(&zone);
            };
            if i % 2 == 0 {
                let key = format!("key-{i}");
                let mut request = Request::new(cs::SessionIsValid {
                    cs_session_key: Some(key.clone()),
                });
                set_headers(request.headers_mut());
                let response = client
                    .session_is_valid(request)
                    .await
                    .unwrap_or_else(|e| panic!("call {i}: {e}"));
                assert_eq!(response.body().response, Some(i % 3 == 0), "call {i}");
                assert_eq!(
                    extra(response.headers()),
                    [pair("key", &key), pair("ticket", &ticket), pair("token", "concurrent-app")],
                    "call {i}"
                );
                assert_eq!(response.headers().time_zone, zone, "call {i}");
            } else {
                let program = format!("prog-{i}");
                let external = (i % 3 == 1).then_some(true);
                let mut request = Request::new(cs::GetProgramUrl {
                    program_name: Some(program.clone()),
                    external,
                });
                set_headers(request.headers_mut());
                let response = client
                    .get_program_url(request)
                    .await
                    .unwrap_or_else(|e| panic!("call {i}: {e}"));
                assert_eq!(
                    response.body().response.as_deref(),
                    Some(
                        format!("https://cs.example.test/{program}?external={external:?}&ticket={ticket}")
                            .as_str()
                    ),
                    "call {i}"
                );
                assert_eq!(
                    extra(response.headers()),
                    [pair("program", &program), pair("ticket", &ticket), pair("token", "concurrent-app")],
                    "call {i}"
                );
                assert_eq!(response.headers().time_zone, zone, "call {i}");
            }
            i
        });
    }
    let mut done = Vec::new();
    while let Some(joined) = tasks.join_next().await {
        done.push(joined.unwrap());
    }
    done.sort_unstable();
    assert_eq!(done, (0..100).collect::<Vec<_>>());
    assert_eq!(stats.calls.load(Ordering::SeqCst), 100);
    let max = stats.max_in_flight.load(Ordering::SeqCst);
    assert!(
        max > 1,
        "the calls never overlapped (at most {max} in flight)"
    );
    server.shutdown().await;
}

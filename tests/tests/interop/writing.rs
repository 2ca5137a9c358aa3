//! Differential writing: the envelopes we write are well-formed for lxml and equal zeep's
//! requests and node `soap`'s responses.

use super::*;

/// Removes zeep's WS-Addressing headers (and the Header, if that empties it).
pub(super) fn drop_ws_addressing(envelope: &mut Node) {
    for child in &mut envelope.children {
        if let Child::Element(header) = child
            && header.local_name() == "Header"
        {
            header.children.retain(
                |c| !matches!(c, Child::Element(e) if e.name.starts_with(&format!("{{{WSA}}}"))),
            );
        }
    }
    envelope.children.retain(
        |c| !matches!(c, Child::Element(e) if e.local_name() == "Header" && e.children.is_empty()),
    );
}

pub(super) fn parse(what: &str, xml: &[u8]) -> Node {
    canonical::parse(xml).unwrap_or_else(|e| {
        panic!(
            "{what} does not parse: {e}\n{}",
            String::from_utf8_lossy(xml)
        )
    })
}

/// The request and response envelopes we write for one operation and value set.
pub(super) struct Ours {
    pub(super) service: &'static str,
    pub(super) op: &'static str,
    pub(super) set: Set,
    pub(super) request: Vec<u8>,
    pub(super) response: Vec<u8>,
}

/// Every request and response envelope we write, set by set.
pub(super) fn our_envelopes() -> Vec<Ours> {
    let mut all = Vec::new();
    for set in Set::ALL {
        let ours = [
            ("CustomerService", cs_envelopes(set)),
            ("SoPrincipal", sp_envelopes(set)),
        ];
        for (service, envelopes) in ours {
            for (op, request, response) in envelopes {
                all.push(Ours {
                    service,
                    op,
                    set,
                    request,
                    response,
                });
            }
        }
    }
    all
}

/// Compares every envelope we write with the peer's: `difference` tells how the peer's
/// envelopes differ from ours for an operation and set, if they do.
/// Every operation must be compared in both sets, and none may differ (`failure` heads the
/// list of differences); prints how many `kind` (requests or responses) equal the `peer`'s.
pub(super) fn assert_peer_writes_the_same(
    (kind, peer): (&str, &str),
    failure: &str,
    mut difference: impl FnMut(&Ours) -> Option<String>,
) {
    let mut problems = Vec::new();
    let mut compared = Vec::new();
    for ours in our_envelopes() {
        compared.push((ours.op, ours.set));
        if let Some(problem) = difference(&ours) {
            let Ours {
                service, op, set, ..
            } = ours;
            problems.push(format!("{service}.{op}[{set:?}]: {problem}"));
        }
    }
    assert_covers(
        &format!("the {kind} compared"),
        &compared,
        &all_operations(),
    );
    println!(
        "{kind}: {} of {} envelopes equal {peer}",
        compared.len() - problems.len(),
        compared.len()
    );
    assert!(
        problems.is_empty(),
        "{failure}:\n\n{}",
        problems.join("\n\n")
    );
}

/// Every envelope we write, requests and responses, is well-formed XML with namespaces for
/// lxml (strict, as zeep reads). The canonical comparison parses with quick-xml, which is
/// lenient (it accepts attributes without white space between them), so this is checked
/// separately.
#[test]
fn our_envelopes_are_well_formed_for_lxml() {
    let python = peers::python();
    let mut envelopes = serde_json::Map::new();
    for Ours {
        service,
        op,
        set,
        request,
        response,
    } in our_envelopes()
    {
        for (what, xml) in [("request", request), ("response", response)] {
            envelopes.insert(
                format!("{service}.{op}[{set:?}] {what}"),
                String::from_utf8(xml).unwrap().into(),
            );
        }
    }
    assert_eq!(
        envelopes.len(),
        2 * 2 * 33,
        "every operation's request and response in both sets"
    );
    let path =
        std::env::temp_dir().join(format!("interop-our-envelopes-{}.json", std::process::id()));
    std::fs::write(&path, serde_json::Value::Object(envelopes).to_string()).unwrap();
    let mut command = peers::zeep_client(python);
    command.arg("wellformed").arg(&path);
    let finished = peers::run(command, Duration::from_secs(60));
    let _ = std::fs::remove_file(&path);
    println!("{}", finished.stdout.lines().last().unwrap_or_default());
    finished.assert_success("lxml rejects envelopes we write");
}

#[test]
fn our_requests_equal_zeeps() {
    let python = peers::python();
    let out =
        std::env::temp_dir().join(format!("interop-zeep-requests-{}.json", std::process::id()));
    let mut command = peers::zeep_client(python);
    command
        .arg("--wsdl")
        .arg(peers::wsdl_dir())
        .arg("dump")
        .arg(&out);
    let finished = peers::run(command, Duration::from_secs(60));
    finished.assert_success("zeep_client.py dump failed");
    let dumped = peers::read_json(&out);
    let _ = std::fs::remove_file(&out);

    assert_peer_writes_the_same(
        ("requests", "zeep's"),
        "our requests differ from zeep's",
        |ours| {
            let Some(zeep) = dumped[ours.service][ours.op][ours.set.name()].as_str() else {
                return Some("zeep wrote no request".to_owned());
            };
            let mut zeep_node = parse("zeep's request", zeep.as_bytes());
            drop_ws_addressing(&mut zeep_node);
            let our_node = parse("our request", &ours.request);
            canonical::difference(&zeep_node, &our_node).map(|diff| {
                format!(
                    "{diff}\nzeep: {zeep}\nours: {}",
                    String::from_utf8_lossy(&ours.request)
                )
            })
        },
    );
}

/// Elements holding an `xs:double`, as (parent, element): compared by value, since both
/// sides may spell a number differently (`42` or `42.0`, `1e+21` or `1e21`).
pub(super) const DOUBLES: &[(&str, &str)] = &[("StatisticsDataValue", "Value")];

/// Rewrites the text of the `DOUBLES` elements in a canonical form.
pub(super) fn normalize_doubles(node: &mut Node) {
    let parent = node.local_name().to_owned();
    for child in &mut node.children {
        if let Child::Element(element) = child {
            if DOUBLES.contains(&(parent.as_str(), element.local_name()))
                && let [Child::Text(text)] = element.children.as_mut_slice()
                && let Ok(value) = f64::parse_text(text)
            {
                *text = format!("{value:?}");
            }
            normalize_doubles(element);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn node_soap_responses_equal_ours() {
    let run = call_node().await;
    assert_peer_writes_the_same(
        ("responses", "node soap's"),
        "node soap's responses differ from ours",
        |ours| {
            let Some(theirs) = run.bodies.get(&(ours.service, ours.op, ours.set)) else {
                return Some("node gave no response".to_owned());
            };
            let mut node = parse("node's response", theirs);
            let mut our_node = parse("our response", &ours.response);
            normalize_doubles(&mut node);
            normalize_doubles(&mut our_node);
            canonical::difference(&node, &our_node).map(|diff| {
                format!(
                    "{diff}\nnode: {}\nours: {}",
                    String::from_utf8_lossy(theirs),
                    String::from_utf8_lossy(&ours.response)
                )
            })
        },
    );
}

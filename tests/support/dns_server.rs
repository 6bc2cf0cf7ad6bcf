//! A tiny authoritative DNS server on 127.0.0.1 (UDP) for the MX preflight: each domain of
//! its zone answers with MX hosts or with no records, any other name is NXDOMAIN, and a
//! silent server reads every question and never answers. Answers are built with hickory's own
//! message types. Dropping the server stops its thread.

use hickory_resolver::proto::op::{Message, OpCode, ResponseCode};
use hickory_resolver::proto::rr::rdata::MX;
use hickory_resolver::proto::rr::{Name, RData, Record, RecordType};
use std::collections::HashMap;
use std::net::{SocketAddr, UdpSocket};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

/// What a domain of the zone answers to an MX question.
#[derive(Clone, Debug)]
pub enum Answer {
    /// MX records: (preference, host).
    Mx(Vec<(u16, &'static str)>),
    /// The name exists, with no MX records.
    NoRecords,
}

pub struct DnsServer {
    pub addr: SocketAddr,
    /// Questions received, answered or not.
    pub questions: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

/// The zone most tests use: a Workspace domain, a Microsoft 365 one, an iCloud custom domain,
/// one on its own mail server and one without MX records. Anything else is NXDOMAIN.
pub fn test_zone() -> Vec<(&'static str, Answer)> {
    vec![
        (
            "workspace.example",
            Answer::Mx(vec![
                (5, "alt1.aspmx.l.google.com."),
                (1, "aspmx.l.google.com."),
                (10, "alt3.aspmx.l.google.com."),
            ]),
        ),
        (
            "outlook-hosted.example",
            Answer::Mx(vec![(
                0,
                "outlook-hosted-example.mail.protection.outlook.com.",
            )]),
        ),
        (
            "icloud-hosted.example",
            Answer::Mx(vec![
                (10, "mx01.mail.icloud.com."),
                (10, "mx02.mail.icloud.com."),
            ]),
        ),
        (
            "own-server.example",
            Answer::Mx(vec![(10, "mail.own-server.example.")]),
        ),
        ("no-mail.example", Answer::NoRecords),
    ]
}

impl DnsServer {
    /// Answers from `zone` (names without the final dot).
    pub fn start(zone: Vec<(&'static str, Answer)>) -> DnsServer {
        let zone: HashMap<String, Answer> = zone
            .into_iter()
            .map(|(name, answer)| (name.to_ascii_lowercase(), answer))
            .collect();
        DnsServer::spawn(Some(zone))
    }

    /// Reads every question and answers none.
    pub fn silent() -> DnsServer {
        DnsServer::spawn(None)
    }

    fn spawn(zone: Option<HashMap<String, Answer>>) -> DnsServer {
        let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
        socket
            .set_read_timeout(Some(Duration::from_millis(50)))
            .unwrap();
        let addr = socket.local_addr().unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let questions = Arc::new(AtomicUsize::new(0));
        let thread = {
            let stop = stop.clone();
            let questions = questions.clone();
            std::thread::Builder::new()
                .name("test-dns-server".into())
                .spawn(move || {
                    let mut buffer = [0u8; 4096];
                    while !stop.load(Ordering::Relaxed) {
                        let Ok((len, from)) = socket.recv_from(&mut buffer) else {
                            continue;
                        };
                        questions.fetch_add(1, Ordering::Relaxed);
                        let Some(zone) = &zone else { continue };
                        let Ok(request) = Message::from_vec(&buffer[..len]) else {
                            continue;
                        };
                        if let Ok(bytes) = answer(&request, zone).to_vec() {
                            let _ = socket.send_to(&bytes, from);
                        }
                    }
                })
                .unwrap()
        };
        DnsServer {
            addr,
            questions,
            stop,
            thread: Some(thread),
        }
    }
}

fn answer(request: &Message, zone: &HashMap<String, Answer>) -> Message {
    let mut response = Message::response(request.metadata.id, OpCode::Query);
    response.metadata.recursion_desired = request.metadata.recursion_desired;
    response.metadata.recursion_available = true;
    response.metadata.authoritative = true;
    let Some(query) = request.queries.first() else {
        response.metadata.response_code = ResponseCode::FormErr;
        return response;
    };
    response.add_query(query.clone());
    let name = query.name().to_ascii();
    let key = name.trim_end_matches('.').to_ascii_lowercase();
    match zone.get(&key) {
        None => response.metadata.response_code = ResponseCode::NXDomain,
        Some(Answer::NoRecords) => {}
        Some(Answer::Mx(hosts)) if query.query_type() == RecordType::MX => {
            for (preference, host) in hosts {
                let exchange = Name::from_ascii(host).unwrap();
                response.add_answer(Record::from_rdata(
                    query.name().clone(),
                    300,
                    RData::MX(MX::new(*preference, exchange)),
                ));
            }
        }
        Some(Answer::Mx(_)) => {}
    }
    response
}

impl Drop for DnsServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

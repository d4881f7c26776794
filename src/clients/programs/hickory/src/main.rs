// dnsorder probe program for hickory-resolver (TokioAsyncResolver::lookup_ip)
// with one name server, the scenario server (argv[1], "127.0.0.1:5353"): UDP,
// then TCP when the UDP answer is truncated. No /etc/resolv.conf, no
// /etc/hosts, and a fresh resolver (so a fresh cache) for every request, so
// each cell is independent. Same line protocol as resolve.c: stdin `A name` /
// `AAAA name`, one JSON line out. "--version" prints the crate versions the
// program was built against (read from its Cargo.lock).
//
// lookup_ip is the API applications call (reqwest, hyper's resolver, ...); the
// family is fixed per request with LookupIpStrategy::Ipv4Only / Ipv6Only, the
// way Go's LookupIP("ip4") is used by go.ts. hickory has no canonical-name
// API: the probe reports the owner of the first address record of the
// Lookup (the name the addresses were found at, after the CNAME chain).
use std::io::{BufRead, Write};
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use hickory_resolver::config::{LookupIpStrategy, NameServerConfigGroup, ResolverConfig, ResolverOpts};
use hickory_resolver::error::{ResolveError, ResolveErrorKind};
use hickory_resolver::proto::op::ResponseCode;
use hickory_resolver::proto::rr::RData;
use hickory_resolver::TokioAsyncResolver;

const LOCK: &str = include_str!("../Cargo.lock");

fn locked_version(krate: &str) -> String {
    let mut lines = LOCK.lines();
    while let Some(line) = lines.next() {
        if line == format!("name = \"{krate}\"") {
            if let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return v.trim_end_matches('"').to_string();
            }
        }
    }
    "unknown".to_string()
}

fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn line(addresses: &[String], canonical: Option<&str>, error: Option<(&str, &str)>) -> String {
    let addrs: Vec<String> = addresses.iter().map(|a| json_string(a)).collect();
    let canonical = canonical.map(json_string).unwrap_or_else(|| "null".to_string());
    let error = match error {
        Some((code, text)) => format!("{{\"code\":{},\"text\":{}}}", json_string(code), json_string(text)),
        None => "null".to_string(),
    };
    format!("{{\"addresses\":[{}],\"canonical\":{},\"error\":{}}}", addrs.join(","), canonical, error)
}

fn error_code(err: &ResolveError) -> String {
    match err.kind() {
        ResolveErrorKind::NoRecordsFound { response_code, .. } => match *response_code {
            ResponseCode::NXDomain => "NXDOMAIN".to_string(),
            ResponseCode::NoError => "NO_DATA".to_string(),
            // ServFail → SERVFAIL, Refused → REFUSED (the rcode as hickory names it).
            other => format!("{:?}", other).to_uppercase(),
        },
        ResolveErrorKind::Timeout => "TIMEOUT".to_string(),
        ResolveErrorKind::NoConnections => "NO_CONNECTIONS".to_string(),
        ResolveErrorKind::Proto(_) => "PROTO".to_string(),
        ResolveErrorKind::Io(_) => "IO".to_string(),
        _ => "RESOLVE".to_string(),
    }
}

fn resolver(server: SocketAddr, strategy: LookupIpStrategy) -> TokioAsyncResolver {
    // One UDP and one TCP entry for the server: the pool asks over UDP and
    // retries over TCP when the answer is truncated (name_server_pool.rs).
    let servers = NameServerConfigGroup::from_ips_clear(&[server.ip()], server.port(), true);
    let config = ResolverConfig::from_parts(None, vec![], servers);
    let mut opts = ResolverOpts::default();
    opts.ip_strategy = strategy;
    opts.use_hosts_file = false;
    opts.timeout = Duration::from_secs(2);
    opts.attempts = 1;
    TokioAsyncResolver::tokio(config, opts)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 2 {
        eprintln!("usage: resolve SERVER:PORT | --version");
        std::process::exit(2);
    }
    if args[1] == "--version" {
        println!(
            "hickory-resolver {} (hickory-proto {}, tokio {})",
            locked_version("hickory-resolver"),
            locked_version("hickory-proto"),
            locked_version("tokio")
        );
        return;
    }
    let server: SocketAddr = match args[1].parse::<SocketAddr>() {
        Ok(s) => s,
        Err(_) => match args[1].parse::<IpAddr>() {
            Ok(ip) => SocketAddr::new(ip, 53),
            Err(e) => {
                eprintln!("bad server {}: {e}", args[1]);
                std::process::exit(2);
            }
        },
    };
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("tokio runtime");
    let stdin = std::io::stdin();
    let mut stdout = std::io::stdout();
    for request in stdin.lock().lines() {
        let request = match request {
            Ok(r) => r,
            Err(_) => break,
        };
        let fields: Vec<&str> = request.split_whitespace().collect();
        let out = if fields.len() != 2 || (fields[0] != "A" && fields[0] != "AAAA") {
            line(&[], None, Some(("BAD_REQUEST", &request)))
        } else {
            let strategy = if fields[0] == "A" { LookupIpStrategy::Ipv4Only } else { LookupIpStrategy::Ipv6Only };
            let name = fields[1].to_string();
            runtime.block_on(async move {
                match resolver(server, strategy).lookup_ip(name.as_str()).await {
                    Ok(lookup) => {
                        let addresses: Vec<String> = lookup.iter().map(|ip| ip.to_string()).collect();
                        let canonical = lookup
                            .as_lookup()
                            .records()
                            .iter()
                            .find(|r| matches!(r.data(), Some(RData::A(_)) | Some(RData::AAAA(_))))
                            .map(|r| r.name().to_string());
                        line(&addresses, canonical.as_deref(), None)
                    }
                    Err(err) => line(&[], None, Some((&error_code(&err), &err.to_string()))),
                }
            })
        };
        if writeln!(stdout, "{out}").and_then(|_| stdout.flush()).is_err() {
            break;
        }
    }
}

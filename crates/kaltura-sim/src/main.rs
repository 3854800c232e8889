//! The `kaltura-sim` command: serves the simulator on 127.0.0.1 and prints its URL, partner id and
//! (fake) admin secret, one `key=value` per line, until killed; or, with `generate`, writes a
//! report CSV in Kaltura's format to stdout for benchmarks. Argument parsing only; no API logic.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;
use std::time::Duration;

use kaltura_sim::{FaultPlan, Filters, Org, OrgProfile, ReportKind, SimConfig};

const USAGE: &str = "usage:
  kaltura-sim [--port N] [--profile demo|demo-marathon|tiny|year-large|single-huge-session|dense-<rows/day>]
              [--latency-ms N] [--seed N] [--row-cap N]
      Serves on 127.0.0.1 and prints url=, partner_id=, admin_secret= lines; runs until killed.
  kaltura-sim generate --kind room-data|attendees|breakouts --rows N [--seed N] [--profile P]
      Writes N rows of that report as Kaltura's CSV (BOM, header, commas in values as spaces) to stdout.";

/// A fixed end for `generate`, so its output is the same on every machine and day (2026-01-01).
const GENERATE_DATA_END: i64 = 1_767_225_600;

struct Options {
    port: u16,
    profile: OrgProfile,
    latency_ms: u64,
    seed: Option<u64>,
    row_cap: Option<usize>,
    kind: Option<ReportKind>,
    rows: Option<u64>,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut o = Options {
        port: 0,
        profile: OrgProfile::demo(),
        latency_ms: 0,
        seed: None,
        row_cap: None,
        kind: None,
        rows: None,
    };
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = || {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        let number = |v: String| {
            v.parse::<u64>()
                .map_err(|_| format!("{flag}: not a number: {v}"))
        };
        match flag.as_str() {
            "--port" => {
                o.port = u16::try_from(number(value()?)?)
                    .map_err(|_| "--port: out of range".to_string())?
            }
            "--profile" => {
                let v = value()?;
                o.profile =
                    OrgProfile::by_name(&v).ok_or_else(|| format!("unknown profile: {v}"))?;
            }
            "--latency-ms" => o.latency_ms = number(value()?)?,
            "--seed" => o.seed = Some(number(value()?)?),
            "--row-cap" => {
                o.row_cap =
                    Some(usize::try_from(number(value()?)?).map_err(|_| "--row-cap: too large")?)
            }
            "--kind" => {
                let v = value()?;
                o.kind =
                    Some(ReportKind::from_slug(&v).ok_or_else(|| format!("unknown kind: {v}"))?);
            }
            "--rows" => o.rows = Some(number(value()?)?),
            other => return Err(format!("unknown argument: {other}")),
        }
    }
    Ok(o)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let (generate, rest) = match args.split_first() {
        Some((first, rest)) if first == "generate" => (true, rest),
        _ => (false, args.as_slice()),
    };
    let options = match parse(rest) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("kaltura-sim: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if generate {
        return run_generate(options);
    }
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("kaltura-sim: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(serve(options))
}

async fn serve(o: Options) -> ExitCode {
    let mut config = SimConfig::demo().with_primary_profile(o.profile);
    if let Some(seed) = o.seed {
        config = config.with_seed(seed);
    }
    if let Some(cap) = o.row_cap {
        config.row_cap = cap;
    }
    config.port = o.port;
    config.faults = FaultPlan::none().with_latency(Duration::from_millis(o.latency_ms));
    let handle = match kaltura_sim::start(config).await {
        Ok(h) => h,
        Err(e) => {
            eprintln!("kaltura-sim: cannot listen on 127.0.0.1:{}: {e}", o.port);
            return ExitCode::FAILURE;
        }
    };
    let mut out = io::stdout().lock();
    let printed = writeln!(out, "url={}", handle.url())
        .and_then(|_| writeln!(out, "partner_id={}", handle.partner_id()))
        .and_then(|_| writeln!(out, "admin_secret={}", handle.admin_secret()))
        .and_then(|_| out.flush());
    drop(out);
    if printed.is_err() {
        return ExitCode::FAILURE;
    }
    std::future::pending::<()>().await;
    ExitCode::SUCCESS
}

fn run_generate(o: Options) -> ExitCode {
    let (Some(kind), Some(wanted)) = (o.kind, o.rows) else {
        eprintln!("kaltura-sim: generate needs --kind and --rows\n{USAGE}");
        return ExitCode::from(2);
    };
    let profile = if o.profile == OrgProfile::demo() {
        OrgProfile::dense(20_000)
    } else {
        o.profile
    };
    let org = Org::new(profile, o.seed.unwrap_or(1), Some(GENERATE_DATA_END));
    let mut out = BufWriter::with_capacity(1 << 20, io::stdout().lock());
    let mut written: u64 = 0;
    let result = (|| -> io::Result<()> {
        out.write_all(kaltura_sim::BOM)?;
        kaltura_sim::write_header(&mut out, kind.columns())?;
        let mut day = org.first_day();
        while written < wanted && day * 86_400 < GENERATE_DATA_END {
            let remaining = usize::try_from(wanted - written).unwrap_or(usize::MAX);
            for row in org.rows(
                kind,
                day * 86_400,
                day * 86_400 + 86_400,
                &Filters::default(),
                remaining,
            ) {
                kaltura_sim::write_row(&mut out, &row)?;
                written += 1;
            }
            day += 1;
        }
        out.flush()
    })();
    if let Err(e) = result {
        eprintln!("kaltura-sim: writing failed: {e}");
        return ExitCode::FAILURE;
    }
    if written < wanted {
        eprintln!("kaltura-sim: the profile holds only {written} rows of {wanted} requested");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

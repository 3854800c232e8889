//! The running simulator: binds 127.0.0.1, accepts keep-alive connections, builds each request's
//! parameters, applies the fault plan (latency, 5xx, reset, truncation) around `dispatch`, records
//! statistics, and offers the [`SimHandle`] tests and the binary use. Never logs a KS or secret.

use std::io;
use std::net::SocketAddr;
use std::sync::atomic::AtomicI64;
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::{JoinHandle, JoinSet};

use crate::config::SimConfig;
use crate::dispatch::{self, Context, Partner};
use crate::faults::{Fault, FaultPlan};
use crate::http_wire::{unix_now, Connection, Delivery, Incoming, Request, Response};
use crate::multirequest;
use crate::org::Org;
use crate::params::Params;
use crate::report_kind::{Filters, ReportKind};
use crate::stats::SimStats;

struct FaultState {
    plan: FaultPlan,
    draws: u64,
}

struct Shared {
    partners: Vec<Partner>,
    row_cap: usize,
    faults: Mutex<FaultState>,
    stats: Mutex<SimStats>,
    /// The `referenceJobId` of the next accepted e-mail export.
    next_job_id: AtomicI64,
}

/// The first `referenceJobId` a simulator answers (Kaltura's batch job ids are large numbers).
const FIRST_EXPORT_JOB_ID: i64 = 70_000_001;

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A running simulator. Dropping it stops the server too; [`SimHandle::shutdown`] also waits.
pub struct SimHandle {
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

/// Starts a simulator on 127.0.0.1 (port 0 = any free port).
pub async fn start(config: SimConfig) -> io::Result<SimHandle> {
    let listener = TcpListener::bind(("127.0.0.1", config.port)).await?;
    let addr = listener.local_addr()?;
    let partners = config
        .partners
        .into_iter()
        .map(|p| Partner {
            org: Org::new(p.profile.clone(), p.seed, config.data_end),
            config: p,
        })
        .collect();
    let shared = Arc::new(Shared {
        partners,
        row_cap: config.row_cap,
        faults: Mutex::new(FaultState {
            plan: config.faults,
            draws: 0,
        }),
        stats: Mutex::new(SimStats::default()),
        next_job_id: AtomicI64::new(FIRST_EXPORT_JOB_ID),
    });
    let (stop, stopped) = watch::channel(false);
    let task = tokio::spawn(accept_loop(listener, Arc::clone(&shared), stopped));
    Ok(SimHandle {
        addr,
        shared,
        stop,
        task: Some(task),
    })
}

impl SimHandle {
    /// `http://127.0.0.1:PORT` (no trailing slash): the service URL to give a client.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The primary (first) partner's id.
    pub fn partner_id(&self) -> i64 {
        self.shared
            .partners
            .first()
            .map(|p| p.config.partner_id)
            .unwrap_or(0)
    }

    /// The primary partner's first admin secret (a fake local secret).
    pub fn admin_secret(&self) -> String {
        self.admin_secrets_of(self.partner_id())
            .into_iter()
            .next()
            .unwrap_or_default()
    }

    /// All admin secrets of a partner (empty when there is no such partner).
    pub fn admin_secrets_of(&self, partner_id: i64) -> Vec<String> {
        self.find(partner_id)
            .map(|p| p.config.admin_secrets.clone())
            .unwrap_or_default()
    }

    pub fn partner_ids(&self) -> Vec<i64> {
        self.shared
            .partners
            .iter()
            .map(|p| p.config.partner_id)
            .collect()
    }

    fn find(&self, partner_id: i64) -> Option<&Partner> {
        self.shared
            .partners
            .iter()
            .find(|p| p.config.partner_id == partner_id)
    }

    /// The primary partner's organisation (rooms, people, busy day, data end…).
    pub fn org(&self) -> Option<&Org> {
        self.find(self.partner_id()).map(|p| &p.org)
    }

    pub fn org_of(&self, partner_id: i64) -> Option<&Org> {
        self.find(partner_id).map(|p| &p.org)
    }

    /// Replaces the fault plan (latency, queue, random faults, clock offset).
    pub fn set_faults(&self, plan: FaultPlan) {
        lock(&self.shared.faults).plan = plan;
    }

    /// Changes only the latency added to every request.
    pub fn set_latency(&self, latency: std::time::Duration) {
        lock(&self.shared.faults).plan.latency = latency;
    }

    /// Appends faults to the queue applied to the next report requests.
    pub fn push_faults(&self, faults: impl IntoIterator<Item = Fault>) {
        lock(&self.shared.faults).plan.queue.extend(faults);
    }

    pub fn stats(&self) -> SimStats {
        lock(&self.shared.stats).clone()
    }

    pub fn reset_stats(&self) {
        *lock(&self.shared.stats) = SimStats::default();
    }

    /// Ground truth: every row of `kind` for the primary partner whose session starts in
    /// `[from_unix, to_unix)`, uncapped, in report order and raw column order, each value exactly
    /// as it appears in the CSV (commas already turned into spaces).
    pub fn expected_rows(
        &self,
        kind: ReportKind,
        from_unix: i64,
        to_unix: i64,
        filters: &Filters,
    ) -> Vec<Vec<String>> {
        self.expected_rows_of(self.partner_id(), kind, from_unix, to_unix, filters)
    }

    pub fn expected_rows_of(
        &self,
        partner_id: i64,
        kind: ReportKind,
        from_unix: i64,
        to_unix: i64,
        filters: &Filters,
    ) -> Vec<Vec<String>> {
        self.org_of(partner_id)
            .map(|org| crate::expected_rows(org, kind, from_unix, to_unix, filters))
            .unwrap_or_default()
    }

    /// Stops accepting, closes open connections and waits for the server task.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for SimHandle {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

async fn accept_loop(
    listener: TcpListener,
    shared: Arc<Shared>,
    mut stopped: watch::Receiver<bool>,
) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                if let Ok((stream, _)) = accepted {
                    let _ = stream.set_nodelay(true);
                    connections.spawn(serve_connection(stream, Arc::clone(&shared)));
                }
            }
            changed = stopped.changed() => {
                if changed.is_err() || *stopped.borrow() {
                    break;
                }
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    connections.shutdown().await;
}

async fn serve_connection(stream: TcpStream, shared: Arc<Shared>) {
    let mut conn = Connection::new(stream);
    loop {
        let request = match conn.read_request().await {
            Ok(Incoming::Request(r)) => r,
            Ok(Incoming::Closed) | Err(_) => return,
            Ok(Incoming::Refused(status)) => {
                let body = format!("{status} {}\n", crate::http_wire::reason(status)).into_bytes();
                let _ = conn
                    .write_response(
                        &Response::new(status, "text/plain", body),
                        Delivery::Whole,
                        false,
                    )
                    .await;
                return;
            }
        };
        let keep_alive = request.keep_alive;
        let head_only = request.method.eq_ignore_ascii_case("HEAD");
        let (response, mut delivery) = answer(&shared, request).await;
        if head_only && delivery == Delivery::Whole {
            delivery = Delivery::HeadersOnly;
        }
        match conn.write_response(&response, delivery, keep_alive).await {
            Ok(true) => {}
            Ok(false) | Err(_) => return,
        }
    }
}

/// Builds the merged parameters: body (JSON or form) < query string < path pairs.
fn request_params(request: &Request, api_path: &str) -> Params {
    let content_type = request.header("content-type").unwrap_or("");
    let mut params = if content_type.eq_ignore_ascii_case("application/json") {
        Params::from_json_body(&request.body)
    } else if media_type(content_type) == "application/x-www-form-urlencoded" {
        Params::from_urlencoded(&String::from_utf8_lossy(&request.body))
    } else {
        Params::default()
    };
    params.merge_over(Params::from_urlencoded(request.query()));
    params.merge_over(Params::from_path_pairs(api_path));
    params
}

fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

fn html_error(status: u16) -> Response {
    let title = format!("{status} {}", crate::http_wire::reason(status));
    let body = format!(
        "<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
    );
    Response::new(status, "text/html", body.into_bytes())
}

async fn answer(shared: &Arc<Shared>, request: Request) -> (Response, Delivery) {
    if request.method.eq_ignore_ascii_case("OPTIONS") {
        let r = Response::new(200, "text/plain", Vec::new())
            .with_header("Access-Control-Allow-Methods", "POST, GET, OPTIONS")
            .with_header(
                "Access-Control-Allow-Headers",
                "Origin, X-Requested-With, Content-Type, Accept, Range, Cache-Control",
            );
        return (r, Delivery::Whole);
    }
    let path = request.path().to_string();
    let Some(api_path) = path.strip_prefix("/api_v3") else {
        return (
            Response::new(404, "text/plain", b"404 Not Found\n".to_vec()),
            Delivery::Whole,
        );
    };
    let api_path = api_path.strip_prefix("/index.php").unwrap_or(api_path);
    let params = request_params(&request, api_path);
    let route = dispatch::route_key(&params);
    let ks_in_url = Params::from_urlencoded(request.query()).contains("ks")
        || Params::from_path_pairs(api_path).contains("ks");

    let (latency, fault) = {
        let mut f = lock(&shared.faults);
        // A multirequest carries report calls, so it meets the report faults too (as a whole:
        // an expired KS fails every slot, a reset drops the whole reply).
        let fault = if route.starts_with("report.") || multirequest::is_multirequest(&params) {
            let draw = f.draws;
            f.draws += 1;
            f.plan.take_for_report(draw)
        } else {
            None
        };
        (f.plan.latency, fault)
    };
    {
        let mut s = lock(&shared.stats);
        s.requests += 1;
        *s.by_action.entry(route.clone()).or_insert(0) += 1;
        if multirequest::is_multirequest(&params) {
            for sub in multirequest::sub_requests(&params) {
                *s.by_action.entry(dispatch::route_key(&sub)).or_insert(0) += 1;
            }
        }
        if ks_in_url {
            s.ks_in_url += 1;
        }
        if request.header("content-type") != Some("application/json") {
            s.content_type_not_exactly_json += 1;
        }
        if let Some(tag) = params.text("clientTag") {
            s.last_client_tag = Some(tag.to_string());
        }
        if let Some(f) = &fault {
            s.faults_served += 1;
            *s.faults_by_name.entry(f.name().to_string()).or_insert(0) += 1;
        }
    }

    #[cfg_attr(not(feature = "faults"), allow(unused_mut))]
    let mut wait = latency;
    #[cfg(feature = "faults")]
    if let Some(Fault::Delay(d)) = &fault {
        wait += *d;
    }
    if !wait.is_zero() {
        tokio::time::sleep(wait).await;
    }
    #[cfg(feature = "faults")]
    if let Some(Fault::HttpStatus(status)) = &fault {
        return (html_error(*status), Delivery::Whole);
    }

    let worker_shared = Arc::clone(shared);
    let worker_fault = fault.clone();
    let clock_offset = lock(&shared.faults).plan.clock_offset_secs;
    let dispatched = tokio::task::spawn_blocking(move || {
        let ctx = Context {
            partners: &worker_shared.partners,
            row_cap: worker_shared.row_cap,
            ks_now: unix_now().saturating_add(clock_offset),
            fault: worker_fault.as_ref(),
            next_job_id: &worker_shared.next_job_id,
        };
        dispatch::dispatch(&ctx, &params)
    })
    .await;
    let Ok(dispatched) = dispatched else {
        return (html_error(500), Delivery::Whole);
    };
    if dispatched.report_call.is_some() || !dispatched.email_exports.is_empty() {
        let mut stats = lock(&shared.stats);
        if let Some(call) = dispatched.report_call {
            stats.record_report(call);
        }
        for export in dispatched.email_exports {
            stats.record_email_export(export);
        }
    }
    let response = dispatched.response;
    let delivery = match fault {
        #[cfg(feature = "faults")]
        Some(Fault::ResetMidBody) => Delivery::ResetAfter(response.body.len() / 2),
        #[cfg(feature = "faults")]
        Some(Fault::TruncatedBody) => Delivery::TruncateAfter(response.body.len() / 2),
        _ => Delivery::Whole,
    };
    (response, delivery)
}

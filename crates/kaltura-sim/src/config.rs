//! How a simulator is set up: its partners (ids, admin secrets, status, KS version, organisation
//! profile and seed), the row cap, the initial fault plan and an optional fixed data end. Plain
//! data with ready-made setups for tests and the Demo account; serving is `server`'s job.

use crate::faults::FaultPlan;
use crate::ks_crypto::sha1_hex;
use crate::profile::OrgProfile;

/// The main partner of [`SimConfig::default`].
pub const PRIMARY_PARTNER_ID: i64 = 1_000_001;
/// A second, independent partner of [`SimConfig::default`] (its own secret and data).
pub const SECOND_PARTNER_ID: i64 = 1_000_002;
/// A partner of [`SimConfig::default`] whose status is blocked.
pub const BLOCKED_PARTNER_ID: i64 = 1_000_003;
/// A partner of [`SimConfig::default`] with a primary and an additional admin secret.
pub const TWO_SECRETS_PARTNER_ID: i64 = 1_000_004;
/// The partner of the KS test vector (docs/kaltura-wire-format.md §3.5), with its secret, so the
/// vector KS works.
pub const REFERENCE_PARTNER_ID: i64 = 12345;
pub const REFERENCE_ADMIN_SECRET: &str = "abcdef0123456789abcdef0123456789";
/// The partner of [`SimConfig::demo`].
pub const DEMO_PARTNER_ID: i64 = 2_026_001;

/// Kaltura's default and maximum custom-report size.
pub const DEFAULT_ROW_CAP: usize = 100_000;

/// A fake, local admin secret: 32 hex characters derived from a label.
pub fn fake_secret(label: &str) -> String {
    let mut s = sha1_hex(format!("kaltura-sim fake secret: {label}").as_bytes());
    s.truncate(32);
    s
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartnerStatus {
    Active,
    /// Content-blocked: every report call gives SERVICE_FORBIDDEN_CONTENT_BLOCKED.
    Blocked,
}

/// Which KS `session.start` hands out for this partner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KsVersion {
    V1,
    V2,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerConfig {
    pub partner_id: i64,
    /// Primary admin secret first, then enabled additional ones; a KS signed with any is valid.
    pub admin_secrets: Vec<String>,
    /// Accepted by `session.start` for USER sessions only.
    pub user_secret: Option<String>,
    pub status: PartnerStatus,
    pub ks_version: KsVersion,
    pub profile: OrgProfile,
    pub seed: u64,
}

impl PartnerConfig {
    /// An active partner with one admin secret and the tiny profile.
    pub fn new(partner_id: i64, admin_secret: &str) -> Self {
        PartnerConfig {
            partner_id,
            admin_secrets: vec![admin_secret.to_string()],
            user_secret: None,
            status: PartnerStatus::Active,
            ks_version: KsVersion::V2,
            profile: OrgProfile::tiny(),
            seed: partner_id as u64,
        }
    }

    pub fn with_profile(mut self, profile: OrgProfile) -> Self {
        self.profile = profile;
        self
    }

    pub fn with_seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }
}

#[derive(Debug, Clone)]
pub struct SimConfig {
    /// The first partner is the "primary" one the handle reports.
    pub partners: Vec<PartnerConfig>,
    /// Custom-report row cap (Kaltura: 100,000); excess rows are silently dropped.
    pub row_cap: usize,
    pub faults: FaultPlan,
    /// Data stops at this instant (Unix seconds); `None` = the real clock's now.
    pub data_end: Option<i64>,
    /// Port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
}

impl Default for SimConfig {
    /// Five partners for tests: primary, second, blocked, two-secrets and the KS test-vector
    /// partner, all with the tiny profile and distinct seeds.
    fn default() -> Self {
        let blocked = PartnerConfig {
            status: PartnerStatus::Blocked,
            ..PartnerConfig::new(BLOCKED_PARTNER_ID, &fake_secret("blocked"))
        };
        let two = PartnerConfig {
            admin_secrets: vec![
                fake_secret("two-secrets primary"),
                fake_secret("two-secrets additional"),
            ],
            user_secret: Some(fake_secret("two-secrets user")),
            ..PartnerConfig::new(TWO_SECRETS_PARTNER_ID, "")
        };
        SimConfig {
            partners: vec![
                PartnerConfig::new(PRIMARY_PARTNER_ID, &fake_secret("primary")),
                PartnerConfig::new(SECOND_PARTNER_ID, &fake_secret("second")),
                blocked,
                two,
                PartnerConfig {
                    ks_version: KsVersion::V1,
                    ..PartnerConfig::new(REFERENCE_PARTNER_ID, REFERENCE_ADMIN_SECRET)
                },
            ],
            row_cap: DEFAULT_ROW_CAP,
            faults: FaultPlan::default(),
            data_end: None,
            port: 0,
        }
    }
}

impl SimConfig {
    /// The Demo account: one partner with the realistic `demo` organisation.
    pub fn demo() -> Self {
        SimConfig {
            partners: vec![PartnerConfig::new(DEMO_PARTNER_ID, &fake_secret("demo"))
                .with_profile(OrgProfile::demo())
                .with_seed(2026)],
            ..SimConfig::default()
        }
    }

    /// The default setup with the primary partner's organisation replaced.
    pub fn with_primary_profile(mut self, profile: OrgProfile) -> Self {
        if let Some(p) = self.partners.first_mut() {
            p.profile = profile;
        }
        self
    }

    pub fn with_seed(mut self, seed: u64) -> Self {
        if let Some(p) = self.partners.first_mut() {
            p.seed = seed;
        }
        self
    }
}

//! The Demo account: the Kaltura simulator running inside the app on loopback, with a made-up
//! organisation, so a first-time user sees real-looking reports at once. Its secret is the
//! simulator's own and never goes to the keychain. It does not persist anything.

use roomlens::kaltura::{ClientOptions, Credentials, KalturaClient, ServiceUrl};
use roomlens::secret::AdminSecret;
use roomlens::{Error, ErrorCode};

pub const DEMO_ACCOUNT_ID: &str = "demo";
pub const DEMO_ACCOUNT_NAME: &str = "Demo";

pub struct DemoKaltura {
    sim: kaltura_sim::SimHandle,
}

impl DemoKaltura {
    pub async fn start() -> Result<DemoKaltura, Error> {
        let sim = kaltura_sim::start(kaltura_sim::SimConfig::demo())
            .await
            .map_err(|e| {
                Error::new(
                    ErrorCode::ServerUnavailable,
                    "The built-in demo data could not start on this computer.",
                )
                .with_detail(e.to_string())
            })?;
        Ok(DemoKaltura { sim })
    }

    pub fn partner_id(&self) -> i64 {
        self.sim.partner_id()
    }

    pub fn service_url(&self) -> String {
        self.sim.url()
    }

    pub fn client(&self) -> Result<KalturaClient, Error> {
        let secret = AdminSecret::new(self.sim.admin_secret()).ok_or_else(|| {
            Error::new(
                ErrorCode::CredentialsRejected,
                "The built-in demo data has no admin secret.",
            )
        })?;
        let credentials = Credentials {
            partner_id: self.sim.partner_id(),
            secret,
            service_url: ServiceUrl::parse(&self.sim.url())?,
        };
        KalturaClient::new(credentials, ClientOptions::default())
    }
}

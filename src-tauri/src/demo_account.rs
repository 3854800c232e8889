//! The Demo account: the Kaltura simulator running inside the app on loopback, with a made-up
//! organisation, so a first-time user sees real-looking reports at once. It starts the first time
//! the Demo account is used, not before. Its secret is the simulator's own and never goes to the
//! keychain. It does not persist anything.

use roomlens::kaltura::{ClientOptions, Credentials, KalturaClient, ServiceUrl};
use roomlens::secret::AdminSecret;
use roomlens::{Error, ErrorCode};
use tokio::sync::OnceCell;

pub const DEMO_ACCOUNT_ID: &str = "demo";
pub const DEMO_ACCOUNT_NAME: &str = "Demo";
/// Where the Demo account's Kaltura is, in words (its loopback port is chosen when it starts).
pub const DEMO_SERVICE_WORDS: &str = "built into Roomlens";

#[derive(Default)]
pub struct DemoKaltura {
    sim: OnceCell<kaltura_sim::SimHandle>,
}

impl DemoKaltura {
    pub fn partner_id(&self) -> i64 {
        kaltura_sim::DEMO_PARTNER_ID
    }

    /// Whether the simulator has been started.
    #[cfg(test)]
    fn is_running(&self) -> bool {
        self.sim.initialized()
    }

    async fn sim(&self) -> Result<&kaltura_sim::SimHandle, Error> {
        self.sim
            .get_or_try_init(|| async {
                kaltura_sim::start(kaltura_sim::SimConfig::demo())
                    .await
                    .map_err(|e| {
                        Error::new(
                            ErrorCode::ServerUnavailable,
                            "The built-in demo data could not start on this computer.",
                        )
                        .with_detail(e.to_string())
                    })
            })
            .await
    }

    /// A client for the Demo account, starting its Kaltura the first time.
    pub async fn client(&self) -> Result<KalturaClient, Error> {
        let sim = self.sim().await?;
        let secret = AdminSecret::new(sim.admin_secret()).ok_or_else(|| {
            Error::new(
                ErrorCode::Internal,
                "The built-in demo data has no admin secret.",
            )
        })?;
        let credentials = Credentials {
            partner_id: sim.partner_id(),
            secret,
            service_url: ServiceUrl::parse(&sim.url())?,
        };
        KalturaClient::new(credentials, ClientOptions::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_demo_kaltura_starts_only_when_the_demo_account_is_used() {
        let demo = DemoKaltura::default();
        assert!(
            !demo.is_running(),
            "nothing listens before the Demo is used"
        );
        assert_eq!(demo.partner_id(), kaltura_sim::DEMO_PARTNER_ID);
        let client = demo.client().await.unwrap();
        assert!(demo.is_running());
        client
            .test_connection(&roomlens::cancel::CancelToken::new())
            .await
            .unwrap();
        demo.client().await.unwrap();
        assert!(demo.is_running(), "one simulator, started once");
    }
}

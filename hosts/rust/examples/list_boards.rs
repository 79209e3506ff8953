use std::path::PathBuf;
use std::sync::Arc;

use pinterest_connector_host::{ConnectorHost, UreqTransport, types};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The component ./build.sh makes, its compiled code kept in the
    // temporary directory for the next run.
    let component = std::env::var_os("PINTEREST_CONNECTOR_WASM").map_or_else(
        || PathBuf::from("target/wasm32-wasip2/release/pinterest_connector.wasm"),
        PathBuf::from,
    );
    let cache = std::env::temp_dir().join("pinterest-connector");
    let transport = Arc::new(UreqTransport::default());
    let host = ConnectorHost::load_cached(component, cache, transport)?;
    let config = types::Config {
        client_id: std::env::var("PINTEREST_APP_ID")?,
        client_secret: std::env::var("PINTEREST_APP_SECRET")?,
        environment: types::Environment::Sandbox,
        api_base_url: std::env::var("PINTEREST_API_BASE_URL").ok(), // unset: Pinterest itself
        authorize_url: None,
        ad_account_id: None,
    };
    let token = std::env::var("PINTEREST_ACCESS_TOKEN")?;
    let mut bookmark = None;
    loop {
        let query = types::ListBoardsQuery {
            bookmark,
            page_size: Some(25),
            privacy: None,
        };
        match host.list_boards(&config, &token, &query)? {
            Ok(page) => {
                for board in &page.items {
                    println!("{}  {}", board.id, board.name);
                }
                bookmark = page.bookmark;
                if bookmark.is_none() {
                    return Ok(());
                }
            }
            Err(error) => {
                // What went wrong, then what to do.
                eprintln!("{}", error.summary());
                eprintln!("{}", error.remedy());
                std::process::exit(1);
            }
        }
    }
}

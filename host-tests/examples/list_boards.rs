use std::sync::Arc;

use host_tests::cli::errors::{failure, summary};
use host_tests::{ConnectorHost, UreqTransport, component_path, types};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // target/wasm32-wasip2/release/pinterest_connector.wasm, its compiled
    // code kept in the temporary directory for the next run.
    let cache = std::env::temp_dir().join("pinterest-connector");
    let transport = Arc::new(UreqTransport::default());
    let host = ConnectorHost::load_cached(component_path(), cache, transport)?;
    let config = types::Config {
        client_id: std::env::var("PINTEREST_APP_ID")?,
        client_secret: std::env::var("PINTEREST_APP_SECRET")?,
        environment: types::Environment::Sandbox,
        api_base_url: std::env::var("PINTEREST_API_BASE_URL").ok(), // unset: Pinterest itself
        authorize_url: None,
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
                eprintln!("{}", summary(&error));
                if let Some(failure) = failure(&error) {
                    eprintln!("{}", failure.remedy);
                }
                std::process::exit(1);
            }
        }
    }
}

//! The language server: a thin adapter over the engine. Documents live in ropey ropes edited
//! in order; each version is analysed off the async threads and published only while it is
//! still the newest. No lock is held across an `.await`.

pub mod convert;
pub mod position;
mod server;

use tower_lsp_server::{LspService, Server};

/// `copydesk lsp`: serve over standard input and output until the client exits.
pub fn run() -> i32 {
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("copydesk: cannot start the async runtime: {e}");
            return super::cli::EXIT_ERROR;
        }
    };
    // The spelling dictionary takes a moment to load: do it now, not on the first keystroke.
    std::thread::spawn(crate::engine::rules::typo::dictionary::warm_up);
    rt.block_on(async {
        let (service, socket) = LspService::new(server::Backend::new);
        Server::new(tokio::io::stdin(), tokio::io::stdout(), socket)
            .serve(service)
            .await;
    });
    // tokio's stdin reader sits in a blocking read that only ends when the client closes the
    // pipe; waiting for it would keep the process alive after `exit`.
    rt.shutdown_background();
    0
}

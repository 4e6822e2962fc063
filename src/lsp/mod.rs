//! The language server: a thin adapter over the engine. Documents live in ropey ropes edited
//! in order; each version is analysed (in the change notification, or on the blocking pool
//! for a large draft) and published only while it is still the newest. No lock is held across
//! an `.await`.

pub mod convert;
pub mod position;
mod server;

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{LspService, Server};

type Input = Box<dyn AsyncRead + Unpin + Send>;
type Output = Box<dyn AsyncWrite + Unpin + Send>;

/// Standard input and output for the async runtime. tokio's own `stdin()`/`stdout()` hand
/// every read and write to a blocking thread, two thread wake-ups per message each way; when
/// the client gave us pipes or sockets (VS Code and Neovim give sockets, most others pipes),
/// they are read and written from the event loop directly. Anything else (a terminal, a
/// file) keeps tokio's blocking adapters. Must be called inside the runtime.
fn stdio() -> (Input, Output) {
    #[cfg(unix)]
    {
        if let (Some(i), Some(o)) = (unix_input(), unix_output()) {
            return (i, o);
        }
    }
    (Box::new(tokio::io::stdin()), Box::new(tokio::io::stdout()))
}

/// What a standard stream is, when the event loop can drive it.
#[cfg(unix)]
enum Stream {
    Pipe(std::os::fd::OwnedFd),
    Socket(tokio::net::UnixStream),
}

#[cfg(unix)]
fn stream(fd: std::os::fd::BorrowedFd<'_>) -> Option<Stream> {
    use std::os::unix::fs::FileTypeExt;
    let fd = fd.try_clone_to_owned().ok()?;
    let kind = std::fs::File::from(fd.try_clone().ok()?)
        .metadata()
        .ok()?
        .file_type();
    if kind.is_fifo() {
        Some(Stream::Pipe(fd))
    } else if kind.is_socket() {
        let s = std::os::unix::net::UnixStream::from(fd);
        s.set_nonblocking(true).ok()?;
        Some(Stream::Socket(tokio::net::UnixStream::from_std(s).ok()?))
    } else {
        None
    }
}

#[cfg(unix)]
fn unix_input() -> Option<Input> {
    use std::os::fd::AsFd;
    Some(match stream(std::io::stdin().as_fd())? {
        Stream::Pipe(fd) => Box::new(tokio::net::unix::pipe::Receiver::from_owned_fd(fd).ok()?),
        Stream::Socket(s) => Box::new(s),
    })
}

#[cfg(unix)]
fn unix_output() -> Option<Output> {
    use std::os::fd::AsFd;
    Some(match stream(std::io::stdout().as_fd())? {
        Stream::Pipe(fd) => Box::new(tokio::net::unix::pipe::Sender::from_owned_fd(fd).ok()?),
        Stream::Socket(s) => Box::new(s),
    })
}

/// `copydesk lsp`: serve over standard input and output until the client exits.
pub fn run() -> i32 {
    let rt = match tokio::runtime::Builder::new_current_thread()
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
        let (input, output) = stdio();
        Server::new(input, output, socket).serve(service).await;
    });
    // tokio's stdin reader sits in a blocking read that only ends when the client closes the
    // pipe; waiting for it would keep the process alive after `exit`.
    rt.shutdown_background();
    0
}

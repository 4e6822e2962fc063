// mimalloc: the engine allocates many small, short-lived vectors per paragraph; glibc's malloc
// and free were a quarter of `check`'s profile (see README, Performance).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(copydesk::cli::main());
}

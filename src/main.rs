// The check allocates many small strings per plan (words, cells, keys);
// mimalloc serves them faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let code = rasoat::cli::main();
    if let Some(table) = rasoat::timing::report() {
        eprint!("{table}");
    }
    std::process::exit(code);
}

fn main() {
    let code = rasoat::cli::main();
    if let Some(table) = rasoat::timing::report() {
        eprint!("{table}");
    }
    std::process::exit(code);
}

fn main() {
    std::process::exit(rasoat::cli::main());
}

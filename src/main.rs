//! Entry point: the CLI when a subcommand is given, otherwise the desktop app.

use clap::Parser as _;

fn main() -> std::process::ExitCode {
    tokenlens::tune_allocator();
    let cli = tokenlens::cli::Cli::parse();
    if let Some(command) = cli.command {
        let code = tokenlens::cli::run(command);
        return std::process::ExitCode::from(code as u8);
    }
    match tokenlens::app::run_native() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            #[expect(
                clippy::print_stderr,
                reason = "the app could not start; there is no window to show it in"
            )]
            {
                eprintln!("tokenlens: cannot start the window: {e}");
            }
            std::process::ExitCode::FAILURE
        }
    }
}

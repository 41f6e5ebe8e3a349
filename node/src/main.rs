//! `genex-node`: the Genex Chain node.

mod chain_spec;
mod cli;
mod command;
mod service;

fn main() {
	if let Err(e) = command::run() {
		// One line, no backtrace: operators read this.
		eprintln!("Error: {}", command::one_line(&e));
		std::process::exit(1);
	}
}

//! greet.rs -- a Rust app built with the installed SDK, with its `mote` crate.
fn main() {
    let greeting = std::env::var("GREETING").unwrap_or_else(|_| "hi".into());
    // The crate is there: the first timer, which `mote run` grants.
    let started = mote::timer::Timer::new(0).start(std::time::Duration::from_millis(1), None);
    println!("{} from a Rust app, {} argument(s), timer {}", greeting, std::env::args().count() - 1,
             if started.is_ok() { "started" } else { "refused" });
    std::process::exit(3);
}

//! blinky-rust -- blinky (examples/blinky) in Rust: the same arguments, the
//! same console output and the same LED trace, written with std and the
//! SDK's `mote` crate for the device.
//!
//!   blinky-rust [period_ms [toggles]]     defaults: 500 ms, 10 toggles (0: forever)
//!   env LED=<pin>                         default 0

use mote::event::{self, Event};
use mote::gpio::{Mode, Pin};
use mote::timer::Timer;
use std::env;
use std::time::Duration;

/// Argument `i` as a number, or `fallback` (as C's strtol would give 0 for
/// text that is no number, so does this).
fn arg(args: &[String], i: usize, fallback: i64) -> i64 {
    args.get(i).map(|a| a.trim().parse().unwrap_or(0)).unwrap_or(fallback)
}

fn main() {
    let args: Vec<String> = env::args().collect();
    let period_ms = arg(&args, 1, 500);
    let toggles = arg(&args, 2, 10);
    let led = Pin::new(env::var("LED").ok().and_then(|v| v.parse().ok()).unwrap_or(0));

    if let Err(e) = led.configure(Mode::Output) {
        println!("blinky: no LED on pin {} ({}): console only", led.number(), e);
    }
    let timer = Timer::new(0);
    let period = Duration::from_millis(period_ms.max(0) as u64);
    if let Err(e) = timer.start(period, Some(period)) {
        println!("blinky: cannot start a timer: {}", e);
        std::process::exit(1);
    }
    println!("blinky: pin {} every {} ms", led.number(), period_ms);
    let mut on = false;
    let mut n = 1;
    while toggles == 0 || n <= toggles {
        if let Ok(Some(Event::Timer { .. })) = event::wait(None) {
            on = !on;
            let _ = led.set(on);
            println!("blink {}: LED {}", n, if on { "on" } else { "off" });
            n += 1;
        }
    }
    let _ = timer.stop();
}

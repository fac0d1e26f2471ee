//! mote -- the device API for Rust apps on mote: GPIO pins, logical timers
//! and events, the calls of the SDK's C header `<mote/device.h>` made safe.
//!
//! The functions are imports from the `mote` module, which WASI-lite gives
//! every app on every board; the rest of an app is ordinary Rust with `std`
//! for `wasm32-wasi` (println!, std::env, std::time, std::process::exit).
//! Built by the SDK (`mote_add_rust_app`) with Debian's rustc, no cargo
//! and no crates from outside; the crate needs only `core`.
//!
//! ```ignore
//! use mote::{event::{self, Event}, gpio::{Mode, Pin}, timer::Timer};
//! use std::time::Duration;
//!
//! let led = Pin::new(0);
//! led.configure(Mode::Output)?;
//! Timer::new(0).start(Duration::from_millis(500), Some(Duration::from_millis(500)))?;
//! while let Ok(Some(Event::Timer { .. })) = event::wait(None) {
//!     led.toggle()?;
//! }
//! ```
//!
//! Errors are the device's WASI errno values ([`Error`]): a pin or timer
//! the firmware did not grant ([`Error::NOT_CAPABLE`]), an argument out of
//! range, a board that cannot do it.  Nothing here panics or traps.
#![no_std]

use core::fmt;
use core::time::Duration;

mod sys {
    #[repr(C)]
    pub struct RawEvent {
        pub kind: u32,
        pub source: u32,
        pub value: u32,
        pub reserved: u32,
        pub time_us: u64,
    }

    #[link(wasm_import_module = "mote")]
    extern "C" {
        pub fn gpio_configure(pin: u32, mode: u32) -> i32;
        pub fn gpio_write(pin: u32, level: u32) -> i32;
        pub fn gpio_toggle(pin: u32) -> i32;
        pub fn gpio_read(pin: u32) -> i32;
        pub fn gpio_watch(pin: u32, edges: u32) -> i32;
        pub fn timer_start(id: u32, delay_us: u64, period_us: u64) -> i32;
        pub fn timer_stop(id: u32) -> i32;
        pub fn event_wait(event: *mut RawEvent, timeout_us: i64) -> i32;
        pub fn uart_watch(enable: u32) -> i32;
        pub fn time_us() -> u64;
    }
}

/// A failed device call: the WASI errno the board returned.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Error(u16);

impl Error {
    /// The firmware did not give this app that pin or timer.
    pub const NOT_CAPABLE: Error = Error(76);
    /// An argument is out of range.
    pub const INVALID: Error = Error(28);
    /// The board cannot do it (no edge interrupts on this pin, ...).
    pub const NOT_SUPPORTED: Error = Error(58);
    /// The board uses the pin itself (e.g. for the console).
    pub const BUSY: Error = Error(10);
    /// A pointer outside the app's memory (not from safe code).
    pub const FAULT: Error = Error(21);
    /// A wait for ever, but nothing could ever produce an event.
    pub const DEADLOCK: Error = Error(16);
    /// The device reported a failure.
    pub const IO: Error = Error(29);

    /// The WASI errno number.
    pub fn code(self) -> u16 {
        self.0
    }
}

impl fmt::Display for Error {
    /// wasi-libc's strerror() text, so messages read as a C app's do.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match *self {
            Error::NOT_CAPABLE => "Capabilities insufficient",
            Error::INVALID => "Invalid argument",
            Error::NOT_SUPPORTED => "Not supported",
            Error::BUSY => "Resource busy",
            Error::FAULT => "Bad address",
            Error::DEADLOCK => "Resource deadlock would occur",
            Error::IO => "I/O error",
            _ => return write!(f, "error {}", self.0),
        };
        f.write_str(text)
    }
}

/// The result of a device call.
pub type Result<T> = core::result::Result<T, Error>;

fn check(r: i32) -> Result<i32> {
    if r < 0 {
        Err(Error(r.unsigned_abs().min(u16::MAX as u32) as u16))
    } else {
        Ok(r)
    }
}

fn micros(d: Duration) -> u64 {
    u64::try_from(d.as_micros()).unwrap_or(u64::MAX)
}

/// Microseconds on the monotonic clock (what `std::time::Instant` reads).
pub fn time_us() -> u64 {
    unsafe { sys::time_us() }
}

/// GPIO pins.  Which pin is the LED or the button depends on the board:
/// the firmware names them in the environment (`LED`, `BUTTON`).
pub mod gpio {
    use super::{check, sys, Result};

    /// A pin's direction and pull.
    #[derive(Clone, Copy, PartialEq, Eq, Debug)]
    pub enum Mode {
        /// A floating input.
        Input = 0,
        /// An input with the internal pull-up.
        InputPullUp = 1,
        /// A push-pull output.
        Output = 2,
    }

    /// The edges that raise [`Event::Gpio`](crate::event::Event::Gpio).
    #[derive(Clone, Copy, PartialEq, Eq, Debug)]
    pub enum Edge {
        /// None: stop watching.
        None = 0,
        /// Low to high.
        Rising = 1,
        /// High to low.
        Falling = 2,
        /// Both.
        Both = 3,
    }

    /// A GPIO pin, by number.
    #[derive(Clone, Copy, PartialEq, Eq, Debug)]
    pub struct Pin(u32);

    impl Pin {
        /// Pin `number` (nothing is checked until it is used).
        pub const fn new(number: u32) -> Pin {
            Pin(number)
        }

        /// The pin's number.
        pub fn number(self) -> u32 {
            self.0
        }

        /// Sets the pin's direction and pull.
        pub fn configure(self, mode: Mode) -> Result<()> {
            check(unsafe { sys::gpio_configure(self.0, mode as u32) }).map(|_| ())
        }

        /// Drives an output high or low.
        pub fn set(self, high: bool) -> Result<()> {
            check(unsafe { sys::gpio_write(self.0, high as u32) }).map(|_| ())
        }

        /// Inverts an output.
        pub fn toggle(self) -> Result<()> {
            check(unsafe { sys::gpio_toggle(self.0) }).map(|_| ())
        }

        /// The level on the pin: true is high.
        pub fn read(self) -> Result<bool> {
            check(unsafe { sys::gpio_read(self.0) }).map(|level| level != 0)
        }

        /// Queues an event on each of these edges (`Edge::None` stops);
        /// [`Error::NOT_SUPPORTED`](crate::Error::NOT_SUPPORTED) on boards
        /// whose GPIO cannot interrupt: poll with [`Pin::read`] on a timer.
        pub fn watch(self, edges: Edge) -> Result<()> {
            check(unsafe { sys::gpio_watch(self.0, edges as u32) }).map(|_| ())
        }
    }
}

/// Logical timers: ids 0 up to the number the firmware allows.
pub mod timer {
    use super::{check, micros, sys, Result};
    use core::time::Duration;

    /// Logical timer `id`.
    #[derive(Clone, Copy, PartialEq, Eq, Debug)]
    pub struct Timer(u32);

    impl Timer {
        /// Timer `id` (nothing is checked until it is started).
        pub const fn new(id: u32) -> Timer {
            Timer(id)
        }

        /// The timer's id, the `id` of its events.
        pub fn id(self) -> u32 {
            self.0
        }

        /// An event after `delay`, then every `period` if given, on a fixed
        /// schedule.  Starting a running timer restarts it.
        pub fn start(self, delay: Duration, period: Option<Duration>) -> Result<()> {
            let period_us = period.map(micros).unwrap_or(0);
            check(unsafe { sys::timer_start(self.0, micros(delay), period_us) }).map(|_| ())
        }

        /// Stops it; its events still queued are dropped.
        pub fn stop(self) -> Result<()> {
            check(unsafe { sys::timer_stop(self.0) }).map(|_| ())
        }
    }
}

/// Events from pins, timers and the console, in the order they happened.
pub mod event {
    use super::{check, micros, sys, Result};
    use core::time::Duration;

    /// What woke the app.  `time_us` is when it happened, on the monotonic
    /// clock.
    #[derive(Clone, Copy, PartialEq, Eq, Debug)]
    pub enum Event {
        /// A watched pin saw an edge; `high` is its level just after.
        Gpio { pin: u32, high: bool, time_us: u64 },
        /// A timer expired, `count` times (more than 1 when the app was
        /// too busy to take them one by one).
        Timer { id: u32, count: u32, time_us: u64 },
        /// Console input is waiting (read it: the event repeats while some is).
        Uart { time_us: u64 },
        /// `lost` events were dropped here: the queue was full.
        Overflow { lost: u32, time_us: u64 },
    }

    /// Sleeps until the next event and returns it; `Ok(None)` when
    /// `timeout` passed first (`None`: no limit; a zero duration: only look).
    pub fn wait(timeout: Option<Duration>) -> Result<Option<Event>> {
        let mut raw = sys::RawEvent { kind: 0, source: 0, value: 0, reserved: 0, time_us: 0 };
        let timeout_us = match timeout {
            None => -1,
            Some(d) => i64::try_from(micros(d)).unwrap_or(i64::MAX),
        };
        if check(unsafe { sys::event_wait(&mut raw, timeout_us) })? == 0 {
            return Ok(None);
        }
        let t = raw.time_us;
        Ok(Some(match raw.kind {
            1 => Event::Gpio { pin: raw.source, high: raw.value != 0, time_us: t },
            2 => Event::Timer { id: raw.source, count: raw.value, time_us: t },
            3 => Event::Uart { time_us: t },
            _ => Event::Overflow { lost: raw.value, time_us: t },
        }))
    }

    /// Asks for [`Event::Uart`] while console input is pending, or stops.
    pub fn uart_watch(enable: bool) -> Result<()> {
        check(unsafe { sys::uart_watch(enable as u32) }).map(|_| ())
    }
}

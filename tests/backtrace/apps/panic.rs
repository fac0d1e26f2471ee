//! panic.rs -- a Rust app that panics (an index out of bounds) some 45
//! calls deep: its backtrace must show the Rust names demangled, and keep both
//! ends of the stack -- the panic machinery and main.
use std::env;

struct Deep<T> {
    step: T,
}

// Two functions calling each other: the optimiser cannot turn the
// recursion into a loop, so every level keeps its frame.
impl<T: Copy + Into<u64>> Deep<T> {
    #[inline(never)]
    fn dive(&self, n: u32) -> u64 {
        if n == 0 {
            let empty: Vec<u64> = Vec::new();
            return empty[env::args().count() + 5];
        }
        self.rise(n - 1).wrapping_mul(3) ^ self.step.into()
    }

    #[inline(never)]
    fn rise(&self, n: u32) -> u64 {
        self.dive(n).wrapping_add(u64::from(n))
    }
}

fn main() {
    let deep = Deep { step: 3u8 };
    println!("{}", deep.dive(20));
}

#!/usr/bin/env python3
"""Writes the seed corpus of fuzz_wasi (tests/fuzz/corpus/wasi): short
programs that reach the main paths of WASI-lite's host functions with
valid arguments, for the fuzzer to mutate.  See fuzz_wasi.c for the format.

    wasi-seeds.py OUT_DIR
"""
import os
import struct
import sys

# export indices: forward.wat's exports in mote's (sorted) export order
EXPORTS = ['args_get', 'args_sizes_get', 'clock_res_get', 'clock_time_get', 'environ_get',
           'environ_sizes_get', 'fd_advise', 'fd_allocate', 'fd_close', 'fd_datasync',
           'fd_fdstat_get', 'fd_fdstat_set_flags', 'fd_fdstat_set_rights', 'fd_filestat_get',
           'fd_filestat_set_size', 'fd_filestat_set_times', 'fd_pread', 'fd_prestat_dir_name',
           'fd_prestat_get', 'fd_pwrite', 'fd_read', 'fd_readdir', 'fd_renumber', 'fd_seek',
           'fd_sync', 'fd_tell', 'fd_write', 'mote.event_wait', 'mote.gpio_configure',
           'mote.gpio_read', 'mote.gpio_toggle', 'mote.gpio_watch', 'mote.gpio_write',
           'mote.time_us', 'mote.timer_start', 'mote.timer_stop', 'mote.uart_watch',
           'path_create_directory', 'path_filestat_get', 'path_filestat_set_times', 'path_link',
           'path_open', 'path_readlink', 'path_remove_directory', 'path_rename', 'path_symlink',
           'path_unlink_file', 'poll_oneoff', 'proc_exit', 'proc_raise', 'random_get',
           'sched_yield', 'sock_accept', 'sock_recv', 'sock_send', 'sock_shutdown']
SPECIAL = 0xE0


def i32(v):
    """A raw 32-bit argument (selector with the high bit set)."""
    return bytes([0x80]) + struct.pack('<I', v & 0xFFFFFFFF)


def i64(v):
    return bytes([0x80]) + struct.pack('<Q', v & 0xFFFFFFFFFFFFFFFF)


def call(name, *args):
    return bytes([EXPORTS.index(name)]) + b''.join(args)


def poke(at, data):
    """Writes data (<= 255 bytes) into linear memory at `at`."""
    return bytes([SPECIAL + 0]) + struct.pack('<H', at) + bytes([len(data)]) + data


def advance(us):
    return bytes([SPECIAL + 1]) + struct.pack('<I', us)


def console(data):
    return bytes([SPECIAL + 2, len(data)]) + data


def drive(pin, high, after):
    return bytes([SPECIAL + 3, pin | (0x80 if high else 0)]) + struct.pack('<H', after)


def clock_subscription(userdata, timeout_ns):
    # subscription: userdata u64, tag u8 (0 = clock), clock id u32 at 16,
    # timeout u64 at 24, precision u64 at 32, flags u16 at 40; 48 bytes
    s = struct.pack('<QB7xI4xQQH6x', userdata, 0, 1, timeout_ns, 0, 0)
    assert len(s) == 48
    return s


def fd_read_subscription(userdata, fd):
    return struct.pack('<QB7xI28x', userdata, 1, fd)


SEEDS = {
    'fd_write': bytes([0x03]) + poke(0, struct.pack('<II', 16, 5)) + poke(16, b'hello') +
    call('fd_write', i32(1), i32(0), i32(1), i32(64)) +
    call('fd_write', i32(2), i32(0), i32(1), i32(64)),
    'args_env': bytes([0x00]) + call('args_sizes_get', i32(0), i32(4)) +
    call('args_get', i32(8), i32(64)) + call('environ_sizes_get', i32(0), i32(4)) +
    call('environ_get', i32(8), i32(64)),
    'clocks_random': bytes([0x20]) + call('clock_res_get', i32(1), i32(0)) +
    call('clock_time_get', i32(0), i64(1), i32(8)) + call('random_get', i32(16), i32(64)),
    'poll_clock': bytes([0x00]) + poke(0, clock_subscription(7, 1000000)) +
    call('poll_oneoff', i32(0), i32(256), i32(1), i32(512)),
    'poll_stdin': bytes([0x40]) + console(b'abc\r\n') + poke(0, fd_read_subscription(9, 0)) +
    call('poll_oneoff', i32(0), i32(256), i32(1), i32(512)) +
    poke(1024, struct.pack('<II', 2048, 16)) + call('fd_read', i32(0), i32(1024), i32(1), i32(1040)),
    'gpio_timers': bytes([0x1D]) + call('mote.gpio_configure', i32(0), i32(2)) +
    call('mote.gpio_write', i32(0), i32(1)) + call('mote.gpio_toggle', i32(0)) +
    call('mote.gpio_read', i32(0)) + call('mote.gpio_watch', i32(1), i32(3)) +
    drive(1, True, 100) + call('mote.timer_start', i32(0), i64(1000), i64(1000)) +
    advance(5000) + call('mote.event_wait', i32(0), i64(1000000)) +
    call('mote.timer_stop', i32(0)) + call('mote.time_us'),
    'fd_meta': bytes([0x00]) + call('fd_fdstat_get', i32(1), i32(0)) +
    call('fd_fdstat_set_flags', i32(1), i32(1)) + call('fd_filestat_get', i32(2), i32(64)) +
    call('fd_seek', i32(1), i64(0), i32(1), i32(128)) + call('fd_tell', i32(1), i32(128)) +
    call('fd_prestat_get', i32(3), i32(0)) + call('fd_close', i32(2)) +
    call('fd_write', i32(2), i32(0), i32(0), i32(64)),
    'uart_events': bytes([0x00]) + call('mote.uart_watch', i32(1)) + console(b'x') +
    call('mote.event_wait', i32(0), i64(0)) + call('sched_yield'),
    'exit': bytes([0x00]) + call('proc_exit', i32(3)) + call('fd_sync', i32(1)),
}


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, data in SEEDS.items():
        with open(os.path.join(out, name + '.bin'), 'wb') as f:
            f.write(data)
    print(f'wasi: {len(SEEDS)} files')


if __name__ == '__main__':
    main()

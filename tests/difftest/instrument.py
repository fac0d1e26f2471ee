"""Rewrites a binaryen -ttf module (as wasm2wat --generate-names text) so
that both interpreters can run it and every value they report is exact.

binaryen's modules import fuzzing-support.log-{i32,i64,f32,f64}, and wabt's
spectest-interp prints floats with %f (six decimals, not the bits).  So:

- the log imports become functions that fold each logged value (with its
  kind) into a hash kept in a global; an export __mote_log returns the hash
  and the count of values logged since the last __mote_log, and is called
  after every call.  A NaN is folded as one canonical value: the
  specification lets NaN payloads differ.  Turning the imports into
  definitions also leaves the module with no imported functions, which
  keeps clear of a wabt 1.0.32 interpreter bug: a return_call to a function
  defined later than the caller lands on the wrong function when the
  module imports functions (the defect of wabt issue #2557);
- each exported function whose signature has a float or a reference gets a
  wrapper, exported under the same name, that takes and returns integer
  bits (references become ref.is_null results; reference parameters stay
  and are passed null);
- binaryen's hang limit (a global that every loop iteration and call
  decrements, reset by the exported hangLimitInitializer) is raised from 10
  to HANG_LIMIT, so that loops and recursion run longer;
- a function __mote_hash folds all of linear memory and every global into
  an i64 (FNV-1a), called once at the end of a run.

All references in --generate-names output are symbolic, so adding
functions and globals and turning imports into definitions renumbers
nothing that the text refers to by index.
"""
import re

TYPE_RE = re.compile(r'^\s*\(type (\$\S+) \(func((?: \(param[^)]*\))*)((?: \(result[^)]*\))*)\)\)\s*$')
PARAMS_RE = re.compile(r'\(param((?: [a-z0-9]+)*)\)')
RESULTS_RE = re.compile(r'\(result((?: [a-z0-9]+)*)\)')
FUNC_RE = re.compile(r'^\s*\(func (\$[^\s()]+) \(type (\$[^\s()]+)\)')
IMPORT_RE = re.compile(r'^\s*\(import "([^"]*)" "([^"]*)" \((\w+) (\$[^\s()]+)(?: \(type (\$[^\s()]+)\))?(.*)$')
EXPORT_FUNC_RE = re.compile(r'^(\s*)\(export "([^"]*)" \(func (\$[^\s()]+)\)\)\s*$')
GLOBAL_RE = re.compile(r'^\s*\(global (\$[^\s()]+) (\(mut (\w+)\)|(\w+))')
MEMORY_RE = re.compile(r'^\s*\(memory ')

HANG_LIMIT = 250
FNV_OFFSET = 0xcbf29ce484222325
FNV_PRIME = 0x100000001b3
LOG_KINDS = {'i32': 1, 'i64': 2, 'f32': 3, 'f64': 4}
CANON_NAN = 0x7FF8000000000000

INT_OF = {'i32': 'i32', 'i64': 'i64', 'f32': 'i32', 'f64': 'i64',
          'funcref': 'funcref', 'externref': 'externref'}


class Unsupported(Exception):
    """The module uses something the harness does not model."""


def _types_of(spec, regex):
    out = []
    for m in regex.finditer(spec):
        out += m.group(1).split()
    return out


def _fold(value_instrs):
    """Folds the i64 that value_instrs push into the log hash."""
    return (['global.get $__log'] + value_instrs +
            ['i64.xor', f'i64.const {FNV_PRIME}', 'i64.mul', 'global.set $__log'])


def _log_func(name, kind):
    """The function replacing fuzzing-support.log-<kind>: folds the kind,
    then the value's bits (a NaN as the one value CANON_NAN)."""
    bits = {'i32': ['local.get 0', 'i64.extend_i32_u'], 'i64': ['local.get 0'],
            'f32': ['local.get 0', 'i32.reinterpret_f32', 'i64.extend_i32_u'],
            'f64': ['local.get 0', 'i64.reinterpret_f64']}[kind]
    if kind in ('f32', 'f64'):
        # select(canonical, bits, is_nan)
        bits = [f'i64.const {CANON_NAN}'] + bits + ['local.get 0', 'local.get 0', f'{kind}.ne',
                                                    'select']
    body = (_fold([f'i64.const {LOG_KINDS[kind]}']) + _fold(bits) +
            ['global.get $__logn', 'i32.const 1', 'i32.add', 'global.set $__logn'])
    return f'(func {name} (param {kind})\n    ' + '\n    '.join(body) + ')'


def _log_support():
    return [f'(global $__log (mut i64) (i64.const {FNV_OFFSET}))',
            '(global $__logn (mut i32) (i32.const 0))',
            '(func $__mote_log (export "__mote_log") (result i64 i32)\n    '
            'global.get $__log\n    global.get $__logn\n    '
            f'i64.const {FNV_OFFSET}\n    global.set $__log\n    '
            'i32.const 0\n    global.set $__logn)']


def _to_int(t):
    """Instructions turning a value of type t on the stack into integer bits."""
    return {'i32': [], 'i64': [], 'f32': ['i32.reinterpret_f32'],
            'f64': ['i64.reinterpret_f64'],
            'funcref': ['ref.is_null'], 'externref': ['ref.is_null']}[t]


def _from_int(t):
    return {'f32': ['f32.reinterpret_i32'], 'f64': ['f64.reinterpret_i64']}.get(t, [])


def _result_type(t):
    return 'i32' if t in ('funcref', 'externref') else INT_OF[t]


def _wrapper(name, target, params, results):
    """A function exported instead of `target`, with integer bits outside."""
    wparams = [INT_OF[t] for t in params]
    wresults = [_result_type(t) for t in results]
    head = f'(func {name}'
    if wparams:
        head += ' (param ' + ' '.join(wparams) + ')'
    if wresults:
        head += ' (result ' + ' '.join(wresults) + ')'
    if len(results) > 1:
        head += ' (local ' + ' '.join(results) + ')'
    body = []
    for i, t in enumerate(params):
        body += [f'local.get {i}'] + _from_int(t)
    body.append(f'call {target}')
    if len(results) == 1:
        body += _to_int(results[0])
    elif len(results) > 1:
        first = len(params)
        for i in reversed(range(len(results))):
            body.append(f'local.set {first + i}')
        for i, t in enumerate(results):
            body += [f'local.get {first + i}'] + _to_int(t)
    return head + '\n    ' + '\n    '.join(body) + ')'


def _hash_function(has_memory, globals_):
    body = [f'i64.const {FNV_OFFSET}', 'local.set $h']
    if has_memory:
        body += ['block $done', 'loop $next',
                 'local.get $i', 'memory.size', 'i32.const 16', 'i32.shl', 'i32.ge_u',
                 'br_if $done',
                 'local.get $h', 'local.get $i', 'i64.load', 'i64.xor',
                 f'i64.const {FNV_PRIME}', 'i64.mul', 'local.set $h',
                 'local.get $i', 'i32.const 8', 'i32.add', 'local.set $i',
                 'br $next', 'end', 'end']
    for g, t in globals_:
        conv = {'i32': ['i64.extend_i32_u'], 'i64': [],
                'f32': ['i32.reinterpret_f32', 'i64.extend_i32_u'],
                'f64': ['i64.reinterpret_f64'],
                'funcref': ['ref.is_null', 'i64.extend_i32_u'],
                'externref': ['ref.is_null', 'i64.extend_i32_u']}[t]
        body += ['local.get $h', f'global.get {g}'] + conv + [
            'i64.xor', f'i64.const {FNV_PRIME}', 'i64.mul', 'local.set $h']
    body.append('local.get $h')
    return ('(func $__mote_hash (export "__mote_hash") (result i64) (local $i i32) (local $h i64)\n    '
            + '\n    '.join(body) + ')')


def instrument(wat):
    """Returns (new_wat, exports) where exports lists (name, params, results)
    of every exported function in export order, with the ORIGINAL types
    (the comparison needs to know which integers were floats)."""
    lines = wat.split('\n')
    types, funcs, globals_ = {}, {}, []
    has_memory = False
    for line in lines:
        m = TYPE_RE.match(line)
        if m:
            types[m.group(1)] = (_types_of(m.group(2), PARAMS_RE), _types_of(m.group(3), RESULTS_RE))
            continue
        m = FUNC_RE.match(line)
        if m:
            funcs[m.group(1)] = m.group(2)
            continue
        m = IMPORT_RE.match(line)
        if m:
            if m.group(3) == 'func' and m.group(5):
                funcs[m.group(4)] = m.group(5)
            continue
        m = GLOBAL_RE.match(line)
        if m:
            globals_.append((m.group(1), m.group(3) or m.group(4)))
            continue
        if MEMORY_RE.match(line):
            has_memory = True

    out, extra, exports = [], [], []
    in_initializer = False
    for line in lines:
        if FUNC_RE.match(line):
            in_initializer = FUNC_RE.match(line).group(1) == '$hangLimitInitializer'
        elif in_initializer and line.strip().startswith('i32.const '):
            line = line[:line.index('i32.const ')] + f'i32.const {HANG_LIMIT}'
            in_initializer = False
        m = IMPORT_RE.match(line)
        if m:
            module, field, kind, name = m.group(1), m.group(2), m.group(3), m.group(4)
            if module != 'fuzzing-support' or kind != 'func' or not field.startswith('log-'):
                raise Unsupported(f'import {module}.{field}')
            t = field[4:]
            if t not in ('i32', 'i64', 'f32', 'f64'):
                raise Unsupported(f'import {module}.{field}')
            extra.append(_log_func(name, t))
            continue
        m = EXPORT_FUNC_RE.match(line)
        if m:
            indent, ename, target = m.group(1), m.group(2), m.group(3)
            if target not in funcs or funcs[target] not in types:
                raise Unsupported(f'export {ename}: unknown type')
            params, results = types[funcs[target]]
            exports.append((ename, params, results))
            if any(t not in ('i32', 'i64') for t in params + results):
                wname = f'$__w{len(extra)}'
                extra.append(_wrapper(wname, target, params, results))
                line = f'{indent}(export "{ename}" (func {wname}))'
        out.append(line)
    extra += _log_support()
    extra.append(_hash_function(has_memory, globals_))
    # the module's closing parenthesis ends the last line
    text = '\n'.join(out).rstrip()
    if not text.endswith(')'):
        raise Unsupported('unexpected wasm2wat layout')
    text = text[:-1] + '\n  ' + '\n  '.join(extra) + ')\n'
    return text, exports

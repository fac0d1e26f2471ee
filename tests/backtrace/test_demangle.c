/*
 * test_demangle.c -- mote_wasi_demangle() on names as clang and rustc
 * write them for wasm32 (the expected texts are c++filt's, less the
 * return types of templates, Rust's hashes and crate disambiguators),
 * names it must leave alone, and hostile input: every prefix of every
 * case and bytes at random must give a name or nothing, never a read past
 * the end (this runs under ASan in host-asan).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mote/wasi.h>

#include "mote_check.h"

MOTE_CHECK_DEFINE;

static const char *const CASES[][2] = {
    /* C++: nested names, templates, std:: and its substitutions */
    {"_ZN3app3BoxIiE5crashEi", "app::Box<int>::crash(int)"},
    {"_Z3maxIiET_S0_S0_", "max<int>(int, int)"},
    {"_ZNSt3__212basic_stringIcNS_11char_traitsIcEENS_9allocatorIcEEE6appendEPKc",
     "std::__2::basic_string<char, std::__2::char_traits<char>, std::__2::allocator<char> >"
     "::append(char const*)"},
    {"_ZNSt3__26vectorIiNS_9allocatorIiEEE9push_backEOi",
     "std::__2::vector<int, std::__2::allocator<int> >::push_back(int&&)"},
    {"_ZNSs6appendEPKc", "std::string::append(char const*)"},
    /* members: const, constructors, destructors, operators, conversions */
    {"_ZNK3Foo3getEv", "Foo::get() const"},
    {"_ZN3FooC2Ev", "Foo::Foo()"},
    {"_ZN3FooD0Ev", "Foo::~Foo()"},
    {"_ZN5Outer5InnerC1ERKS0_", "Outer::Inner::Inner(Outer::Inner const&)"},
    {"_ZplRK3VecS1_", "operator+(Vec const&, Vec const&)"},
    {"_ZN1AcviEv", "A::operator int()"},
    {"_ZN1AixEm", "A::operator[](unsigned long)"},
    {"_Znwm", "operator new(unsigned long)"},
    /* local names, lambdas, anonymous namespaces */
    {"_ZZ4mainENK3$_0clEv", "main::$_0::operator()() const"},
    {"_ZZ4mainENKUlvE_clEv", "main::{lambda()#1}::operator()() const"},
    {"_ZZ4mainENKUliE0_clEi", "main::{lambda(int)#2}::operator()(int) const"},
    {"_ZN12_GLOBAL__N_13fooEv", "(anonymous namespace)::foo()"},
    /* types: function pointers, arrays, packs, literals, nullptr */
    {"_Z1fPFviE", "f(void (*)(int))"},
    {"_Z1fRA10_Kc", "f(char const (&) [10])"},
    {"_Z4sendIJicEEvDpOT_", "send<int, char>(int&&, char&&)"},
    {"_Z4sendIJRiEEvDpOT_", "send<int&>(int&)"},
    {"_Z1fIJEEvDpT_", "f<>()"},
    {"_Z1fILi5EEvv", "f<5>()"},
    {"_Z3fooILb1EEvv", "foo<true>()"},
    {"_Z1fDn", "f(decltype(nullptr))"},
    /* special names */
    {"_ZTV3Foo", "vtable for Foo"},
    {"_ZTI3Foo", "typeinfo for Foo"},
    {"_ZThn8_N3Foo3barEv", "non-virtual thunk to Foo::bar()"},
    {"_ZGVZ4mainE1x", "guard variable for main::x"},
    {"_ZN3app3BoxIiE5crashEi.llvm.123", "app::Box<int>::crash(int)"},
    /* Rust, legacy mangling */
    {"_ZN4core9panicking9panic_fmt17h768731f43edd91bfE", "core::panicking::panic_fmt"},
    {"_ZN3std2rt10lang_start28_$u7b$$u7b$closure$u7d$$u7d$17h68aeaf642f27526fE"
     ".llvm.13605326022723668421",
     "std::rt::lang_start::{{closure}}"},
    {"_ZN70_$LT$core..result..Result$LT$T$C$E$GT$$u20$as$u20$core..fmt..Debug$GT$"
     "3fmt17hcd0d80f49b14aa87E",
     "<core::result::Result<T,E> as core::fmt::Debug>::fmt"},
    {"_ZN4core3ops8function6FnOnce40call_once$u7b$$u7b$vtable.shim$u7d$$u7d$"
     "17h2fa1afafd0d6150aE",
     "core::ops::function::FnOnce::call_once{{vtable.shim}}"},
    {"core::fmt::write::h0123456789abcdef", "core::fmt::write"},
    /* Rust, v0 mangling */
    {"_RNvCslkgq5TcXodA_5fd_rs4main", "fd_rs::main"},
    {"_RNvMCslkgq5TcXodA_5fd_rsINtB2_4DeephE4diveB2_", "<fd_rs::Deep<u8>>::dive"},
    {"_RINvNtCs247YrygNUAC_4core3ptr13drop_in_placeNCINvNtCs8v1rFTdFJUG_3std2rt10lang_start"
     "uE0ECslkgq5TcXodA_5fd_rs.llvm.10281225901428371980",
     "core::ptr::drop_in_place::<std::rt::lang_start<()>::{closure#0}>"},
    {"_RNSNvYNCINvNtCs8v1rFTdFJUG_3std2rt10lang_startuE0INtNtNtCs247YrygNUAC_4core3ops8function"
     "6FnOnceuE9call_once6vtableCslkgq5TcXodA_5fd_rs",
     "<std::rt::lang_start<()>::{closure#0} as core::ops::function::FnOnce<()>>::call_once"
     "::{shim:vtable#0}"},
    {"_RNvXs1l_NtCs247YrygNUAC_4core3fmtTyhENtB6_5Debug3fmtCsgEwdlTBfsLo_5fd_v0",
     "<(u64, u8) as core::fmt::Debug>::fmt"},
    {"_RNvXsV_NtCs247YrygNUAC_4core3fmtRStNtB5_5Debug3fmtCsgEwdlTBfsLo_5fd_v0",
     "<&[u16] as core::fmt::Debug>::fmt"},
    {"_RNvXsY_NtCs247YrygNUAC_4core3fmtQeNtB5_7Display3fmtCsgEwdlTBfsLo_5fd_v0",
     "<&mut str as core::fmt::Display>::fmt"},
    {"_RNvXsa_NtCs247YrygNUAC_4core5arrayAlj3_NtNtB7_3fmt5Debug3fmtCsgEwdlTBfsLo_5fd_v0",
     "<[i32; 3] as core::fmt::Debug>::fmt"},
    {"_RINvNtNtCs8v1rFTdFJUG_3std10sys_common9backtrace28___rust_begin_short_backtraceFEuuE"
     "CsgEwdlTBfsLo_5fd_v0",
     "std::sys_common::backtrace::__rust_begin_short_backtrace::<fn(), ()>"},
};

/* Names that are not mangled, or not well: left alone (0). */
static const char *const ALONE[] = {
    "main",
    "_start",
    "__original_main",
    "_Z",
    "_ZN3foo",
    "_Z3fo",
    "_ZN999999999999fooE",
    "_R",
    "_RNv",
    "_RB_",
    "_RNvB0_3foo",
    "_RNvCs_3foo4mainX",
    "_ZN4core9panicking9panic_fmt17h768731f43edd91bf",
    "_ZZ4mainE",
    "_Z1fS_",
    "_Z1fT_",
    "h0123456789abcdef",
    "::h0123456789abcdef",
    "_ZN1a17h0123456789abcdeE",
};

static void check_case(const char *mangled, const char *expected)
{
    char out[256];
    memset(out, 'X', sizeof out);
    size_t n = mote_wasi_demangle(mangled, strlen(mangled), out, sizeof out);
    if (expected == NULL) {
        CHECKF(n == 0, "%s: gave '%s', expected to be left alone", mangled, out);
        return;
    }
    CHECKF(n != 0 && strcmp(out, expected) == 0 && n == strlen(expected),
           "%s\n  got      '%s' (%zu)\n  expected '%s'", mangled, n ? out : "", n, expected);
    /* Too small a buffer: nothing, never a cut name or an overrun. */
    char small[8] = "XXXXXXX";
    CHECKF(strlen(expected) < 7 || mote_wasi_demangle(mangled, strlen(mangled), small, 7) == 0,
           "%s: a 7-byte buffer got '%.7s'", mangled, small);
    CHECKF(small[7] == 'X' || small[7] == '\0', "%s: wrote past a 7-byte buffer", mangled);
}

/* Every prefix, copied into a buffer of exactly that size (ASan sees any
 * read past it), and each byte changed: a name or nothing, no crash. */
static void check_hostile(const char *mangled)
{
    size_t len = strlen(mangled);
    char out[256];
    for (size_t n = 0; n <= len; n++) {
        char *copy = malloc(n ? n : 1);
        memcpy(copy, mangled, n);
        size_t r = mote_wasi_demangle(copy, n, out, sizeof out);
        CHECKF(r == 0 || (r < sizeof out && strlen(out) == r), "prefix %zu of %s: length %zu", n,
               mangled, r);
        for (size_t i = 0; i < n; i++) {
            char saved = copy[i];
            copy[i] = (char)(saved ^ (1 << (i % 7)));
            r = mote_wasi_demangle(copy, n, out, sizeof out);
            CHECKF(r == 0 || strlen(out) == r, "mutated %s at %zu: length %zu", mangled, i, r);
            copy[i] = saved;
        }
        free(copy);
    }
}

/* --names: reads names, one per line, and prints "name<TAB>readable"
 * (or "(unchanged)"), for check_demangle.py's comparison with c++filt. */
static int filter(void)
{
    char line[4096], out[1024];
    while (fgets(line, sizeof line, stdin) != NULL) {
        size_t n = strcspn(line, "\n");
        line[n] = '\0';
        size_t r = mote_wasi_demangle(line, n, out, sizeof out);
        printf("%s\t%s\n", line, r != 0 ? out : "(unchanged)");
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--names") == 0)
        return filter();
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        check_case(CASES[i][0], CASES[i][1]);
        check_hostile(CASES[i][0]);
    }
    for (size_t i = 0; i < sizeof ALONE / sizeof ALONE[0]; i++)
        check_case(ALONE[i], NULL);
    /* Random bytes behind each prefix kind. */
    unsigned seed = 1;
    for (int round = 0; round < 20000; round++) {
        char name[48];
        static const char *const PREFIXES[] = {"_Z", "_ZN", "_R", "_RN", "_RI", "_ZZ"};
        size_t n = (size_t)sprintf(name, "%s", PREFIXES[round % 6]);
        size_t len = n + (size_t)(round % 40);
        for (; n < len; n++) {
            seed = seed * 1103515245u + 12345u;
            name[n] = "0123456789_ENIZSTRLKPOBCDvicsu$."[(seed >> 16) % 32];
        }
        char out[256];
        size_t r = mote_wasi_demangle(name, len, out, sizeof out);
        CHECKF(r == 0 || strlen(out) == r, "random %.*s: length %zu", (int)len, name, r);
    }
    printf("demangle: %zu names, the hostile inputs and 20000 random ones\n",
           sizeof CASES / sizeof CASES[0] + sizeof ALONE / sizeof ALONE[0]);
    return check_summary("demangle");
}

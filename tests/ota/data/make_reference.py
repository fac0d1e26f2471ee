#!/usr/bin/env python3
"""Regenerates the reference bundles in this folder and cases.txt.

An independent re-implementation, in Python with the `cryptography`
package, of what MCUboot's imgtool does in `imgtool sign --pad-header` for
an Ed25519 key (worked out from imgtool's image.py and keys/ed25519.py):

  * header: 32 bytes little-endian -- magic 0x96f3b83d, load address,
    header size, protected TLV size, image size, flags (RAM_LOAD 0x20 when
    a load address is given), version u8.u8.u16+u32, a zero pad word; the
    rest of the header area is filled with 0xff (the erased value);
  * the payload follows the header area;
  * optional protected TLVs (info magic 0x6908) follow the payload and
    are covered by the hash: the security counter (0x50), the boot record
    (0x60), dependencies (0x40), compression TLVs (0x7x), custom TLVs;
  * the TLV area: info magic 0x6907 and total length, then SHA256 (0x10) of
    header + payload + protected TLVs, KEYHASH (0x01) = SHA-256 of the
    DER SubjectPublicKeyInfo of the key (or PUBKEY 0x02, the SPKI itself),
    ED25519 (0x24) = Ed25519 signature of the 32-byte digest.  MCUboot's own
    types are a type byte and a zero byte, vendor types a u16, then the
    length (u16);
  * --pad: 0xff up to the slot size, the trailer magic in the last 16
    bytes, image_ok (0x01) at -(align_up(16, max_align) + max_align) for
    --confirm.

Beside the bundles mote accepts it renders the ones imgtool makes with
options mote refuses (other hashes and signatures, encryption, LZMA2,
dependencies, ...) and some no tool makes (TLVs where MCUboot does not
allow them, malformed protected areas, bad trailers), each validly signed
so that only the point in question is wrong.  cases.txt lists every
bundle with the verdict a device must give; test_bundle, cli_test.sh, the
board test and the QEMU end-to-end test all read it.  `rebuild` lines give
the mote-ota sign options that must make the same bytes.

Run from this folder; the key file is kept so results stay reproducible
(Ed25519 and the deterministic ECDSA used here give the same bytes again).
"""
import hashlib
import lzma
import struct

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

SLOT = 8192           # the slot size the padded bundles are made for
MAGIC = bytes([0x77, 0xc2, 0x95, 0xf3, 0x60, 0xd2, 0xef, 0x7f,
               0x35, 0x52, 0x50, 0x0f, 0x2c, 0xb6, 0x79, 0x80])
MAGIC_ALIGNED = bytes([0x2d, 0xe1, 0x5d, 0x29, 0x41, 0x0b, 0x8d, 0x77,
                       0x67, 0x9c, 0x11, 0x0f, 0x1f, 0x8a])
F_PIC, F_AES128, F_AES256, F_NON_BOOTABLE, F_RAM_LOAD = 0x1, 0x4, 0x8, 0x10, 0x20
F_ROM_FIXED, F_LZMA1, F_LZMA2, F_ARM_THUMB = 0x100, 0x200, 0x400, 0x800


def tlv(kind, value):
    if kind < 0x100:
        return struct.pack("<BBH", kind, 0, len(value)) + value
    return struct.pack("<HH", kind, len(value)) + value


def area(magic, entries):
    """A TLV area: info (magic, total size) and the entries as given."""
    body = b"".join(entries)
    return struct.pack("<HH", magic, 4 + len(body)) + body


def spki(key):
    return key.public_key().public_bytes(serialization.Encoding.DER,
                                         serialization.PublicFormat.SubjectPublicKeyInfo)


def trailer(total, slot, max_align=8, confirm=False, erased=0xff, overwrite_only=False):
    """imgtool's pad_to(): erased bytes to the slot end, magic last."""
    pad = bytearray([erased] * (slot - total))
    if max_align == 8:
        pad[-16:] = MAGIC
    else:
        pad[-16:] = struct.pack("<H", max_align) + MAGIC_ALIGNED
    if confirm and not overwrite_only:
        pad[-(max(16, max_align) + max_align)] = 0x01
    return bytes(pad)


def sign(hashed, key, scheme="ed25519", keyformat="hash"):
    """The unprotected TLV entries for one signing scheme."""
    if scheme == "ed25519":
        digest = hashlib.sha256(hashed).digest()
        keytlv = tlv(0x02, spki(key)) if keyformat == "full" else \
            tlv(0x01, hashlib.sha256(spki(key)).digest())
        return [tlv(0x10, digest), keytlv, tlv(0x24, key.sign(digest))]
    if scheme == "sha512":          # --sha 512: the key hash is SHA-512 too
        digest = hashlib.sha512(hashed).digest()
        return [tlv(0x12, digest), tlv(0x01, hashlib.sha512(spki(key)).digest()),
                tlv(0x24, key.sign(digest))]
    if scheme == "pure":            # --pure: SHA-512, SIG_PURE, signature of the image
        return [tlv(0x12, hashlib.sha512(hashed).digest()), tlv(0x25, b"\x01"),
                tlv(0x01, hashlib.sha512(spki(key)).digest()), tlv(0x24, key.sign(hashed))]
    curve, alg, h = {"ecdsa256": (ec.SECP256R1(), hashes.SHA256(), hashlib.sha256),
                     "ecdsa384": (ec.SECP384R1(), hashes.SHA384(), hashlib.sha384)}[scheme]
    eckey = ec.derive_private_key(0x6d6f7465, curve)
    sig = eckey.sign(hashed, ec.ECDSA(alg, deterministic_signing=True))
    return [tlv(0x11 if scheme == "ecdsa384" else 0x10, h(hashed).digest()),
            tlv(0x01, h(spki(eckey)).digest()), tlv(0x22, sig)]


def bundle(payload, key, version, header_size=32, load_addr=0, rom_fixed=0, flags=0,
           sec_counter=None,
           prot=None, scheme="ed25519", keyformat="hash", extra=(), encrypt=None,
           pad=None, max_align=8, confirm=False, erased=0xff, overwrite_only=False):
    major, minor, rev, build = version
    entries = []
    if sec_counter is not None:
        entries.append(tlv(0x50, struct.pack("<I", sec_counter)))
    entries += list(prot or [])
    prot_area = area(0x6908, entries) if entries else b""
    if load_addr:
        flags |= F_RAM_LOAD
    if rom_fixed:                   # --rom-fixed: the address goes where load_addr would
        flags |= F_ROM_FIXED
        load_addr = rom_fixed
    if encrypt:
        payload += bytes(-len(payload) % 16)
        flags |= F_AES128 if len(encrypt) == 16 else F_AES256
    header = struct.pack("<IIHHIIBBHII", 0x96F3B83D, load_addr, header_size, len(prot_area),
                         len(payload), flags, major, minor, rev, build, 0)
    hashed = header + bytes([erased]) * (header_size - 32) + payload + prot_area
    main = sign(hashed, key, scheme, keyformat) + list(extra)
    if encrypt:   # signed in the clear, then the payload encrypted, the key TLV added
        ctr = Cipher(algorithms.AES(encrypt), modes.CTR(bytes(16))).encryptor()
        body = hashed[header_size:header_size + len(payload)]
        hashed = hashed[:header_size] + ctr.update(body) + ctr.finalize() + prot_area
        main.append(tlv(0x33, bytes(range(32 + 32 + len(encrypt)))))   # ECIES-X25519
    image = hashed + area(0x6907, main)
    if pad:
        image += trailer(len(image), pad, max_align, confirm, erased, overwrite_only)
    return image


def compressible_wasm(wasm):
    """The app with a custom section of text, so that LZMA2 shrinks it."""
    data = b"\x04note" + b"mote compresses nothing; " * 80
    return wasm + b"\x00" + bytes([len(data) & 0x7f | 0x80, len(data) >> 7]) + data


def lzma2(wasm, key, version, thumb=False):
    """imgtool --compression lzma2[armthumb]: the compressed module as
    payload, the original's size, hash and signature as protected TLVs."""
    plain = bundle(wasm, key, version)
    digest = hashlib.sha256(plain[:32 + len(wasm)]).digest()
    filters = ([{"id": lzma.FILTER_ARMTHUMB}] if thumb else []) + \
        [{"id": lzma.FILTER_LZMA2, "preset": 9, "dict_size": 131072, "lp": 1, "lc": 3}]
    packed = lzma.compress(wasm, format=lzma.FORMAT_RAW, filters=filters)
    header = bytes([10, (2 * 5 + 1) * 9 + 3])   # dictionary size 128 KiB; pb 2, lp 1, lc 3
    prot = [tlv(0x70, struct.pack("<I", len(wasm))), tlv(0x71, digest),
            tlv(0x72, key.sign(digest))]
    return bundle(header + packed, key, version,
                  flags=F_LZMA2 | (F_ARM_THUMB if thumb else 0), prot=prot)


def cbor_text(s):
    return bytes([0x60 | len(s)]) + s.encode()


def cbor_bytes(b):
    return bytes([0x58, len(b)]) + b


def boot_record(key):
    """A CBOR map like imgtool --boot-record's (type, version, signer id,
    measurement description and value); opaque to mote."""
    signer = hashlib.sha256(spki(key)).digest()
    return (b"\xa5" + b"\x01" + cbor_text("MOTE") + b"\x04" + cbor_text("2.2.0")
            + b"\x05" + cbor_bytes(signer) + b"\x06" + cbor_text("SHA256")
            + b"\x02" + cbor_bytes(bytes(32)))


MANIFEST = b'{"app":"ref","caps":["gpio","uart"]}'


def cases(key, wasm):
    """(file, bundle, verdict, what the device says, mote-ota sign options
    that rebuild it or None)."""
    v = (2, 0, 0, 0)
    dirty = bytearray(bundle(wasm, key, (2, 2, 1, 0), pad=SLOT))
    dirty[len(dirty) // 2] = 0x00
    bad_ok = bytearray(bundle(wasm, key, (2, 2, 2, 0), pad=SLOT))
    bad_ok[-(16 + 8)] = 0x5a
    return [
        # accepted
        ("ref-1.2.3+4.bin", bundle(wasm, key, (1, 2, 3, 4)), "ok", "", "-v 1.2.3+4"),
        ("ref-hdr512.bin", bundle(wasm, key, (0, 9, 1, 77), header_size=0x200,
                                  load_addr=0x20000000), "ok", "",
         "-v 0.9.1+77 -H 512 -L 0x20000000"),
        ("ref-seccnt.bin", bundle(wasm, key, v, sec_counter=0x02000000), "ok", "",
         "-v 2.0.0 -s auto"),
        ("ref-pic.bin", bundle(wasm, key, v, flags=F_PIC), "ok", "", None),
        ("ref-pubkey.bin", bundle(wasm, key, (1, 0, 1, 0), keyformat="full"), "ok", "",
         "-v 1.0.1 --public-key-format full"),
        ("ref-manifest.bin", bundle(wasm, key, (2, 1, 0, 0), sec_counter=7,
                                    prot=[tlv(0xa0, MANIFEST)]), "ok", "",
         "-v 2.1.0 -s 7 --custom-tlv 0xa0 0x" + MANIFEST.hex()),
        ("ref-bootrec.bin", bundle(wasm, key, (2, 2, 0, 0),
                                   prot=[tlv(0x60, boot_record(key))]), "ok", "", None),
        ("ref-pad.bin", bundle(wasm, key, (2, 3, 0, 0), pad=SLOT), "ok", "",
         "-v 2.3.0 -S %d --pad" % SLOT),
        ("ref-confirm.bin", bundle(wasm, key, (2, 4, 0, 0), pad=SLOT, confirm=True), "ok", "",
         "-v 2.4.0 -S %d --confirm" % SLOT),
        ("ref-confirm-align32.bin", bundle(wasm, key, (2, 5, 0, 0), pad=SLOT, max_align=32,
                                           confirm=True), "ok", "",
         "-v 2.5.0 -S %d --max-align 32 --confirm" % SLOT),
        ("ref-pad-overwrite.bin", bundle(wasm, key, (2, 6, 0, 0), pad=SLOT,
                                         overwrite_only=True), "ok", "",
         "-v 2.6.0 -S %d --overwrite-only --pad" % SLOT),
        # header flags mote refuses
        ("ref-nonboot.bin", bundle(wasm, key, v, flags=F_NON_BOOTABLE), "unsupported",
         "image marked non-bootable", None),
        ("ref-enc-aes128.bin", bundle(wasm, key, v, encrypt=bytes(range(16))), "unsupported",
         "encrypted image, AES-128", None),
        ("ref-enc-aes256.bin", bundle(wasm, key, v, encrypt=bytes(range(32))), "unsupported",
         "encrypted image, AES-256", None),
        ("ref-romfixed.bin", bundle(wasm, key, v, rom_fixed=0x08020000),
         "unsupported", "image for a fixed flash address", None),
        ("ref-lzma2.bin", lzma2(compressible_wasm(wasm), key, v), "unsupported",
         "LZMA2-compressed image", None),
        ("ref-lzma2-thumb.bin", lzma2(compressible_wasm(wasm), key, v, thumb=True),
         "unsupported", "LZMA2-compressed image", None),
        ("ref-lzma1.bin", bundle(wasm, key, v, flags=F_LZMA1), "unsupported",
         "LZMA1-compressed image", None),
        ("ref-flag-unknown.bin", bundle(wasm, key, v, flags=0x1000), "unsupported",
         "header flag 0x00001000: unknown", None),
        # hashes, signatures and TLVs mote refuses
        ("ref-sha512.bin", bundle(wasm, key, v, scheme="sha512"), "unsupported",
         "SHA-512 image hash [--sha 512]", None),
        ("ref-pure.bin", bundle(wasm, key, v, scheme="pure"), "unsupported",
         "pure Ed25519 signature [--pure]", None),
        ("ref-ecdsa384.bin", bundle(wasm, key, v, scheme="ecdsa384"), "unsupported",
         "SHA-384 image hash [--sha 384]", None),
        ("ref-ecdsa256.bin", bundle(wasm, key, v, scheme="ecdsa256"), "unsupported",
         "ECDSA signature", None),
        ("ref-enc-tlv.bin", bundle(wasm, key, v, extra=[tlv(0x33, bytes(80))]), "unsupported",
         "encrypted image, ECIES-X25519 key", None),
        ("ref-dep.bin", bundle(wasm, key, v, prot=[tlv(0x40, struct.pack(
            "<B3xBBHI", 1, 1, 0, 0, 0))]), "unsupported", "dependency on another image", None),
        # unprotected TLVs outside MCUboot's list (signatures still valid)
        ("ref-unprot-unknown.bin", bundle(wasm, key, v, extra=[tlv(0x77, b"extra")]),
         "format", "TLV 0x0077: not allowed in the unprotected area", None),
        ("ref-unprot-seccnt.bin", bundle(wasm, key, v, extra=[tlv(0x50, bytes(4))]),
         "format", "TLV 0x0050: not allowed in the unprotected area", None),
        ("ref-unprot-vendor.bin", bundle(wasm, key, v, extra=[tlv(0xa4, b"\xff" * 16)]),
         "format", "TLV 0x00a4: not allowed in the unprotected area", None),
        # protected areas mote refuses (all signed)
        ("ref-prot-overrun.bin", bundle(wasm, key, v, prot=[struct.pack("<BBH", 0x50, 0, 8)
                                                             + bytes(4)]),
         "format", "TLV runs past the end of its area", None),
        ("ref-prot-cut.bin", bundle(wasm, key, v, sec_counter=3, prot=[b"\x50\x00"]),
         "format", "TLV header cut off", None),
        ("ref-prot-seccnt-len.bin", bundle(wasm, key, v, prot=[tlv(0x50, bytes(8))]),
         "format", "TLV 0x0050: wrong length", None),
        ("ref-prot-dup.bin", bundle(wasm, key, v, sec_counter=3, prot=[tlv(0x50, bytes(4))]),
         "format", "TLV 0x0050: duplicate", None),
        ("ref-prot-unknown.bin", bundle(wasm, key, v, prot=[tlv(0xa5, b"hello")]),
         "unsupported", "TLV 0x00a5: unknown protected TLV", None),
        ("ref-prot-sha.bin", bundle(wasm, key, v, prot=[tlv(0x10, bytes(32))]),
         "format", "TLV 0x0010: not allowed in the protected area", None),
        # padded bundles mote refuses
        ("ref-pad-erased0.bin", bundle(wasm, key, (2, 2, 3, 0), pad=SLOT, erased=0),
         "format", "is not 0xff [-R 0?]", None),
        ("ref-pad-dirty.bin", bytes(dirty), "format", "is not 0xff", None),
        ("ref-pad-imageok.bin", bytes(bad_ok), "format", "trailer: image_ok is 0x5a", None),
        ("ref-pad-4k.bin", bundle(wasm, key, (2, 2, 4, 0), pad=SLOT // 2), "format",
         "padded for a %d-byte slot" % (SLOT // 2), None),
    ]


def main():
    with open("ref-key.pem", "rb") as f:
        key = serialization.load_pem_private_key(f.read(), None)
    with open("ref-app.wasm", "rb") as f:
        wasm = f.read()
    pk = key.public_key().public_bytes(serialization.Encoding.Raw,
                                       serialization.PublicFormat.Raw)
    lines = ["# Generated by make_reference.py: every reference bundle and the verdict",
             "# a device with slots of `slot` bytes and the key `key` gives it (status,",
             "# then a part of its message), then how mote-ota sign makes the same bytes.",
             "key %s" % pk.hex(), "slot %d" % SLOT]
    rebuilds = []
    for name, data, verdict, why, rebuild in cases(key, wasm):
        with open(name, "wb") as f:
            f.write(data)
        lines.append(("case %-26s %-12s %s" % (name, verdict, why)).rstrip())
        if rebuild:
            rebuilds.append("rebuild %-26s %s" % (name, rebuild))
    with open("cases.txt", "w") as f:
        f.write("\n".join(lines + rebuilds) + "\n")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Regenerates the reference bundles in this folder.

An independent re-implementation, in Python with the `cryptography`
package, of what MCUboot's imgtool does in `imgtool sign --pad-header` for
an Ed25519 key (worked out from imgtool's image.py and keys/ed25519.py):

  * header: 32 bytes little-endian -- magic 0x96f3b83d, load address,
    header size, protected TLV size, image size, flags (RAM_LOAD 0x20 when
    a load address is given), version u8.u8.u16+u32, a zero pad word; the
    rest of the header area is filled with 0xff (the erased value);
  * the payload follows the header area;
  * optional protected TLVs (info magic 0x6908) follow the payload and
    are covered by the hash -- here only the security counter (0x50);
  * the TLV area: info magic 0x6907 and total length, then SHA256 (0x10) of
    header + payload + protected TLVs, KEYHASH (0x01) = SHA-256 of the
    DER SubjectPublicKeyInfo of the key, ED25519 (0x24) = Ed25519 signature
    of the 32-byte digest.  Each TLV is type (u8), a zero byte, length (u16).

The C tool must produce the same bytes; test_bundle and the ctest
`ota_reference_bundles` compare them.  Run from this folder; the key file
is kept so results stay reproducible (Ed25519 signatures are deterministic).
"""
import hashlib
import struct

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey


def tlv(kind, value):
    return struct.pack("<BBH", kind, 0, len(value)) + value


def bundle(payload, key, version, header_size=32, load_addr=0, sec_counter=None):
    major, minor, rev, build = version
    prot = b""
    if sec_counter is not None:
        entries = tlv(0x50, struct.pack("<I", sec_counter))
        prot = struct.pack("<HH", 0x6908, 4 + len(entries)) + entries
    flags = 0x20 if load_addr else 0
    header = struct.pack("<IIHHIIBBHII", 0x96F3B83D, load_addr, header_size, len(prot),
                         len(payload), flags, major, minor, rev, build, 0)
    hashed = header + b"\xff" * (header_size - 32) + payload + prot
    digest = hashlib.sha256(hashed).digest()
    spki = key.public_key().public_bytes(serialization.Encoding.DER,
                                         serialization.PublicFormat.SubjectPublicKeyInfo)
    body = (tlv(0x10, digest) + tlv(0x01, hashlib.sha256(spki).digest())
            + tlv(0x24, key.sign(digest)))
    return hashed + struct.pack("<HH", 0x6907, 4 + len(body)) + body


def main():
    with open("ref-key.pem", "rb") as f:
        key = serialization.load_pem_private_key(f.read(), None)
    with open("ref-app.wasm", "rb") as f:
        wasm = f.read()
    cases = {
        "ref-1.2.3+4.bin": dict(version=(1, 2, 3, 4)),
        "ref-hdr512.bin": dict(version=(0, 9, 1, 77), header_size=0x200, load_addr=0x20000000),
        "ref-seccnt.bin": dict(version=(2, 0, 0, 0), sec_counter=0x02000000),
    }
    for name, args in cases.items():
        with open(name, "wb") as f:
            f.write(bundle(wasm, key, **args))


if __name__ == "__main__":
    main()

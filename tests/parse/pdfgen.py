"""A tiny PDF writer for tests: text in Helvetica (WinAnsi), ruling lines, several pages, and optional
RC4-40 encryption (standard security handler, revision 2). No third-party dependency."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


@dataclass
class Page:
    """Drawing operations for one page; y is measured from the TOP like pdfplumber's ``top``."""

    width: float = 595.0
    height: float = 842.0
    ops: list[str] = field(default_factory=list)

    def text(self, x: float, top: float, s: str, size: float = 10.0, bold: bool = False) -> "Page":
        font = "F2" if bold else "F1"
        raw = s.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        y = self.height - top - size * 0.8
        self.ops.append(f"BT /{font} {size} Tf {x:.2f} {y:.2f} Td (" + raw.decode("latin-1") + ") Tj ET")
        return self

    def line(self, x0: float, top0: float, x1: float, top1: float) -> "Page":
        self.ops.append(f"0.5 w {x0:.2f} {self.height - top0:.2f} m {x1:.2f} {self.height - top1:.2f} l S")
        return self

    def grid(self, xs: list[float], tops: list[float]) -> "Page":
        """Ruling lines of a table with column edges ``xs`` and row edges ``tops``."""
        for t in tops:
            self.line(xs[0], t, xs[-1], t)
        for x in xs:
            self.line(x, tops[0], x, tops[-1])
        return self


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for b in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(b ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def write_pdf(path: Path, pages: list[Page], user_password: str | None = None,
              owner_password: str = "owner") -> Path:
    """Write ``pages`` to ``path``; with ``user_password`` (may be "") the file is RC4-encrypted."""
    file_id = hashlib.md5(str(path).encode()).digest()
    key = o_entry = u_entry = None
    perms = -44
    if user_password is not None:
        upad = (user_password.encode("latin-1") + _PAD)[:32]
        opad = (owner_password.encode("latin-1") + _PAD)[:32]
        o_entry = _rc4(hashlib.md5(opad).digest()[:5], upad)
        key = hashlib.md5(upad + o_entry + perms.to_bytes(4, "little", signed=True) + file_id).digest()[:5]
        u_entry = _rc4(key, _PAD)

    def enc(num: int, data: bytes) -> bytes:
        if key is None:
            return data
        k = hashlib.md5(key + num.to_bytes(3, "little") + b"\0\0").digest()[:10]
        return _rc4(k, data)

    objs: list[bytes] = []
    n = len(pages)
    kids = " ".join(f"{5 + 2 * i} 0 R" for i in range(n))
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objs.append(f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode())
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    for i, p in enumerate(pages):
        content = enc(6 + 2 * i, "\n".join(p.ops).encode("latin-1"))
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {p.width} {p.height}] "
                    f"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {6 + 2 * i} 0 R >>".encode())
        objs.append(f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream")
    extra = b""
    if key is not None:
        assert o_entry is not None and u_entry is not None
        objs.append(f"<< /Filter /Standard /V 1 /R 2 /O <{o_entry.hex()}> /U <{u_entry.hex()}> "
                    f"/P {perms} >>".encode())
        extra = f" /Encrypt {len(objs)} 0 R".encode()
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for num, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{num} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R /ID [<{file_id.hex()}> <{file_id.hex()}>]".encode()
            + extra + f" >>\nstartxref\n{xref}\n%%EOF\n".encode())
    path.write_bytes(bytes(out))
    return path

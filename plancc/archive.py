"""Deterministic zip archives (a .docx or .xlsx file is a zip of XML parts).

Entries come in a fixed order (`[Content_Types].xml` first, the rest sorted) with a fixed time
(1980-01-01), fixed attributes and deflate level 6, so the same parts always give the same bytes on
any machine. Parts every document shares can be deflated once (`Deflated`), and a large part can be
given as chunks, deflated as they come.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass
from typing import Iterable, Mapping, Union

LEVEL = 6
_DOS_DATE, _DOS_TIME = (0 << 9) | (1 << 5) | 1, 0  # 1980-01-01 00:00:00
_ATTRIBUTES = 0o644 << 16
_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")


@dataclass(frozen=True)
class Deflated:
    """A part already compressed: its CRC-32, size and raw deflate stream."""

    crc: int
    size: int
    data: bytes

    @classmethod
    def of(cls, chunks: bytes | Iterable[bytes]) -> "Deflated":
        squeeze = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
        crc = size = 0
        out = []
        for chunk in [chunks] if isinstance(chunks, bytes) else chunks:
            crc = zlib.crc32(chunk, crc)
            size += len(chunk)
            out.append(squeeze.compress(chunk))
        out.append(squeeze.flush())
        return cls(crc, size, b"".join(out))


Entry = Union[bytes, Iterable[bytes], Deflated]


def zip_bytes(entries: Mapping[str, Entry], first: tuple[str, ...] = ("[Content_Types].xml",)) -> bytes:
    """A zip of `entries` (bytes, chunks of bytes, or `Deflated`) in a fixed order with fixed times."""
    ordered = [n for n in first if n in entries] + sorted(n for n in entries if n not in first)
    out = io.BytesIO()
    central = []
    for name in ordered:
        entry = entries[name]
        part = entry if isinstance(entry, Deflated) else Deflated.of(entry)
        raw = name.encode("utf-8")
        flags = 0 if name.isascii() else 0x800  # UTF-8 names
        offset = out.tell()
        out.write(_LOCAL.pack(0x04034B50, 20, flags, 8, _DOS_TIME, _DOS_DATE, part.crc, len(part.data), part.size, len(raw), 0))
        out.write(raw)
        out.write(part.data)
        central.append(
            _CENTRAL.pack(0x02014B50, 20, 20, flags, 8, _DOS_TIME, _DOS_DATE, part.crc, len(part.data), part.size,
                          len(raw), 0, 0, 0, 0, _ATTRIBUTES, offset) + raw
        )
    start = out.tell()
    for record in central:
        out.write(record)
    out.write(_END.pack(0x06054B50, 0, 0, len(central), len(central), out.tell() - start, start, 0))
    return out.getvalue()


def unzip(data: bytes) -> dict[str, bytes]:
    """The entries of a zip, by name."""
    src = zipfile.ZipFile(io.BytesIO(data))
    return {name: src.read(name) for name in src.namelist()}


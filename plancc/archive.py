"""Deterministic Office packages: a .docx or .xlsx file is a zip of XML parts, with content types,
relationships and properties every package has (`package_parts`, `core_properties`).

Entries come in a fixed order (`[Content_Types].xml` first, the rest sorted) with a fixed time
(1980-01-01), fixed attributes and deflate level 3, so the same parts always give the same bytes
wherever the same zlib compresses them. Parts every document shares can be deflated once
(`Deflated`), and a large part can be given as chunks, deflated as they come.
"""

from __future__ import annotations

import io
import re
import struct
import zlib
from dataclasses import dataclass
from datetime import datetime
from typing import Iterable, Mapping, Union

LEVEL = 3  # half the time of the usual 6 for files a sixth larger (documents of a few dozen KB)
# What XML 1.0 cannot hold: C0 controls but tab, line feed and carriage return; lone surrogates; U+FFFE/F
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
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


DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_PKG = "http://schemas.openxmlformats.org/package/2006/"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/"
PACKAGE_RELS = f"{_PKG}relationships"  # the namespace of a .rels part
OFFICE_RELS = f"{_OFFICE}relationships"  # r:id attributes and relationship types


def package_parts(main: str, types: dict[str, str]) -> dict[str, bytes]:
    """The parts of an Office package (.docx, .xlsx) besides its own and core.xml: the content types
    of its parts (`types`: part name -> content type) and of the properties, the package's
    relationships to its `main` part and to the properties, and the application properties."""
    types = {**types, "docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
             "docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml"}
    overrides = "".join(f'<Override PartName="/{name}" ContentType="{kind}"/>' for name, kind in types.items())
    parts = {
        "[Content_Types].xml": f'<Types xmlns="{_PKG}content-types">'
        f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>',
        "_rels/.rels": f'<Relationships xmlns="{PACKAGE_RELS}">'
        f'<Relationship Id="rId1" Type="{OFFICE_RELS}/officeDocument" Target="{main}"/>'
        f'<Relationship Id="rId2" Type="{_PKG}relationships/metadata/core-properties" Target="docProps/core.xml"/>'
        f'<Relationship Id="rId3" Type="{OFFICE_RELS}/extended-properties" Target="docProps/app.xml"/>'
        "</Relationships>",
        "docProps/app.xml": f'<Properties xmlns="{_OFFICE}extended-properties"><Application>plancc</Application></Properties>',
    }
    return {name: (DECLARATION + xml).encode("utf-8") for name, xml in parts.items()}


FIXED_TIME = datetime(2000, 1, 1)
TITLE_MAX = 255  # the longest core-properties title Word accepts
_CORE_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "{title}<dc:creator>plancc</dc:creator><cp:lastModifiedBy>plancc</cp:lastModifiedBy><cp:revision>1</cp:revision>"
    '<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified></cp:coreProperties>'
)


def xml_escape(text: str) -> str:
    """Text for XML content or a double-quoted attribute: escaped, without what XML cannot hold.
    (Four replaces scan in C; str.translate would look up every character of the text.)"""
    return NOT_XML.sub("", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def core_properties(title: str = "", when: datetime | None = None) -> bytes:
    """docProps/core.xml with fixed values: creator plancc, revision 1, created and modified `when`
    (2000-01-01 by default) so that the same plan gives the same bytes."""
    stamp = f"{(when or FIXED_TIME):%Y-%m-%dT%H:%M:%SZ}"
    title = xml_escape(title[:TITLE_MAX])
    return _CORE_XML.format(title=f"<dc:title>{title}</dc:title>" if title else "", when=stamp).encode("utf-8")

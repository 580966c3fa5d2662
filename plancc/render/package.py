"""A .docx package from a skeleton and a body written as text.

python-docx sets a document up once (styles, theme, fonts, settings, footers, page set-up: see
`plancc.render.ooxml`); `Skeleton` keeps every part of it as bytes and the main document split around
its body. `Skeleton.docx(body)` then makes a complete, deterministic .docx from body XML written by
`plancc.render.wml`, with no tree building per document.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import datetime
from itertools import chain
from typing import Iterable

from docx.document import Document
from lxml import etree

from plancc.archive import Deflated, core_properties, unzip, zip_bytes
from plancc.render.wml import W_NS

MAIN = "word/document.xml"
CORE = "docProps/core.xml"
STYLES = "word/styles.xml"
_BODY = re.compile(rb"<w:body>|<w:body/>")
_STYLE_REF = re.compile(rb'<w:(?:pStyle|rStyle|tblStyle|numStyleLink|styleLink) w:val="([^"]+)"')
_LAST_SECTION = re.compile(rb"<w:sectPr[ >](?:(?!<w:sectPr[ >]).)*</w:body>", re.S)

def prune_styles(parts: dict[str, bytes], keep: tuple[str, ...] = ()) -> None:
    """Drop the style definitions nothing uses (python-docx's template carries 164, mostly table
    styles: 350 KB in every file). Kept: the default styles, those any part refers to, those
    in `keep` (style ids the body will use) and the styles they are based on, linked to or followed by.
    Word still offers its built-in styles, which it knows by name."""
    root = etree.fromstring(parts[STYLES])
    used = set(keep) | {m.decode() for name, data in parts.items() if name.endswith(".xml") for m in _STYLE_REF.findall(data)}
    styles = root.findall(_w("style"))
    by_id = {el.get(_w("styleId")): el for el in styles}
    todo = [el.get(_w("styleId")) for el in styles if el.get(_w("default")) == "1"]
    todo += list(used)
    kept: set[str] = set()
    while todo:
        sid = todo.pop()
        if sid in kept or sid not in by_id:
            continue
        kept.add(sid)
        todo += [ref.get(_w("val")) for tag in ("basedOn", "link", "next") for ref in by_id[sid].findall(_w(tag))]
    for el in styles:
        if el.get(_w("styleId")) not in kept:
            root.remove(el)
    parts[STYLES] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


@dataclass(frozen=True)
class Skeleton:
    """Every part of a document except its body content and core properties."""

    parts: dict[str, Deflated]  # deflated once, shared by every document made from the skeleton
    head: bytes  # the main document up to and including <w:body>
    tail: bytes  # the last section's properties and the closing tags

    @classmethod
    def of(cls, document: Document, styles: tuple[str, ...] = ()) -> "Skeleton":
        """The skeleton of a python-docx document (its body content, if any, is dropped); `styles`
        are the ids of the styles the bodies will use."""
        buf = io.BytesIO()
        document.save(buf)
        parts = unzip(buf.getvalue())
        prune_styles(parts, styles)
        main = parts.pop(MAIN)
        parts.pop(CORE, None)
        body = _BODY.search(main)
        last = _LAST_SECTION.search(main)
        if body is None or last is None:
            raise ValueError("the document has no body or no section properties")
        head = main[: body.start()] + b"<w:body>"
        return cls({name: Deflated.of(data) for name, data in parts.items()}, head, main[last.start():])

    def docx(self, body: str | Iterable[str], title: str = "", when: datetime | None = None) -> bytes:
        """A .docx whose body is `body`: WordprocessingML paragraphs and tables, as text or as pieces
        of text (compressed as they come, so a long table is never whole in memory)."""
        pieces = [body] if isinstance(body, str) else body
        main = chain((self.head,), (piece.encode("utf-8") for piece in pieces), (self.tail,))
        return zip_bytes({**self.parts, MAIN: main, CORE: core_properties(title, when)})


def document_bytes(document: Document, title: str = "", when: datetime | None = None) -> bytes:
    """A python-docx document as deterministic .docx bytes (fixed core properties, sorted entries)."""
    buf = io.BytesIO()
    document.save(buf)
    parts = unzip(buf.getvalue())
    prune_styles(parts)
    parts[CORE] = core_properties(title, when)
    return zip_bytes(parts)


"""Extract: a .txt or .docx file -> clean lines of text in reading order.

Text files may be UTF-8 (with or without BOM), UTF-16 with BOM, GBK or GB18030. Older Word and WPS
files (.doc, .wps), .rtf and .odt are converted to .docx by LibreOffice first. Word documents give
their paragraphs and table rows in document order, including text boxes, with the labels of Word's
automatic numbering put before the text as if typed (plancc.importer.autonumber). Extraction artefacts are
cleaned: bookmarks such as ``[bookmark: _GoBack]``, page numbers (``- 3 -``), invisible characters,
runs of spaces inside Chinese text, and sentences cut in two by a page break or a hard line wrap.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from plancc.importer.autonumber import W, AutoNumbers
from plancc.importer.labels import starts_like_heading
from plancc.problems import PlanError, Problem, problem

MAX_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".text")
DOCX_SUFFIXES = (".docx", ".docm", ".dotx")
OFFICE_SUFFIXES = (".doc", ".wps", ".rtf", ".odt")  # converted to .docx by LibreOffice

_BOOKMARK = re.compile(r"\[(?:bookmark|Bookmark|书签)[:：][^\]\n]{0,200}\]")
_PAGE_NUMBER = re.compile(r"^(?:[-—–－一]\s*\d{1,4}\s*[-—–－一]|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})$")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_BREAKS = re.compile(r"\r\n|[\n\r\x0b\x0c\x85\u2028\u2029]")
_TERMINAL = "。！？!?；;：:…）)》〉」』】”’"
_OPEN_CLOSE = (("《", "》"), ("“", "”"), ("（", "）"), ("「", "」"), ("【", "】"))
_DATE_LINE = re.compile(r"^[\d〇零一二三四五六七八九]{4}\s*年.{1,6}月.{1,6}日$")


@dataclass(frozen=True)
class Line:
    """One line (or paragraph) of the document after cleaning."""

    text: str
    no: int  # 1-based line (text) or paragraph (Word) number where it starts
    parts: tuple[str, ...] = ()  # the pieces it was joined from, or split into at wide gaps
    cells: tuple[str, ...] | None = None  # a table row: its cells
    table: int = 0  # which table (1-based) a row belongs to


@dataclass
class Extracted:
    lines: list[Line]
    artefacts: int = 0  # bookmarks, page numbers and broken lines cleaned
    problems: list[Problem] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The cleaned text, one line per element (table rows: cells separated by spaces)."""
        return "\n".join(line.text for line in self.lines)


# --- reading -------------------------------------------------------------------


def extract(path: Path) -> Extracted:
    """Read and clean a document. Raises PlanError (import-format, docx-broken, ...) when it cannot."""
    path = Path(path)
    try:
        if path.is_dir():
            raise PlanError([problem(str(path), (0, 0), "not-a-file")])
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise PlanError([problem(str(path), (0, 0), "file-too-large", limit_mb=MAX_BYTES // 2**20)])
        raw = path.read_bytes()
    except FileNotFoundError:
        raise PlanError([problem(str(path), (0, 0), "file-not-found")]) from None
    except OSError as exc:
        raise PlanError([problem(str(path), (0, 0), "file-unreadable", detail=exc.strerror or str(exc))]) from None
    suffix = path.suffix.lower()
    if _office_file(raw, suffix):
        raw, suffix = via_office(path, suffix or ".doc"), ".docx"
    if raw.startswith(b"PK\x03\x04") and suffix not in TEXT_SUFFIXES + DOCX_SUFFIXES:
        suffix = ".docx"  # a Word document under another name
    if suffix in DOCX_SUFFIXES:
        rows = read_docx(raw, str(path))
    elif suffix in TEXT_SUFFIXES or suffix == "":
        if raw.startswith(b"PK\x03\x04"):
            raise PlanError([problem(str(path), (0, 0), "import-binary")])
        rows = text_rows(decode(raw, str(path)))
    else:
        raise PlanError([problem(str(path), (0, 0), "import-format", suffix=suffix or "（无扩展名）")])
    return clean(rows)


def _office_file(raw: bytes, suffix: str) -> bool:
    """A .doc or .wps (OLE compound file) or an .rtf, whatever its name (Word saves RTF as .doc too),
    or an .odt."""
    return raw.startswith(b"\xd0\xcf\x11\xe0") or _rtf(raw) or (suffix == ".odt" and raw.startswith(b"PK\x03\x04"))


def _rtf(raw: bytes) -> bool:
    return raw[:64].lstrip().startswith(b"{\\rtf")


def via_office(path: Path, suffix: str, timeout: float = 120) -> bytes:
    """The document converted to .docx by LibreOffice; PlanError when it is missing or fails."""
    import shutil
    import tempfile

    from plancc.office import OfficeError, OfficeMissing, converted

    try:
        with tempfile.TemporaryDirectory(prefix="plancc-import-") as tmp:
            source = path
            if path.suffix.lower() not in OFFICE_SUFFIXES:  # LibreOffice reads a .doc named .txt as text
                source = Path(tmp) / ("document.rtf" if _rtf(path.read_bytes()) else "document.doc")
                shutil.copyfile(path, source)
            with converted([source], "docx", timeout) as out:
                return out[source].read_bytes()
    except OfficeMissing:
        raise PlanError([problem(str(path), (0, 0), "import-needs-office", suffix=suffix)]) from None
    except OfficeError as exc:
        raise PlanError([problem(str(path), (0, 0), "import-convert-failed", suffix=suffix, detail=str(exc))]) from None


def decode(raw: bytes, path: str) -> str:
    """Decode text in the encodings Chinese offices use; refuse binary files."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise PlanError([problem(path, (0, 0), "import-encoding")]) from None
    if b"\x00" in raw[:8192]:
        raise PlanError([problem(path, (0, 0), "import-binary")])
    text = None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        raise PlanError([problem(path, (0, 0), "import-encoding")])
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\n\r\t\x0c")
    if controls > max(3, len(text) // 200):
        raise PlanError([problem(path, (0, 0), "import-binary")])
    return text


Row = tuple[int, str, "tuple[str, ...] | None", int]
MIN_CELLS = 3  # tab-separated cells that make a line of text a table row


def text_rows(text: str) -> list[Row]:
    """The lines of a text file; a run of lines of tab-separated cells (a Word table saved as text) is
    a table, its lines the rows."""
    rows: list[Row] = []
    table = 0
    for i, line in enumerate(_BREAKS.split(text)):
        cells = tuple(line.split("\t"))
        if len(cells) >= MIN_CELLS and sum(bool(c.strip()) for c in cells) >= 2:
            if not (rows and rows[-1][2] is not None):
                table += 1
            rows.append((i + 1, line, cells, table))
        else:
            rows.append((i + 1, line, None, 0))
    return rows


def read_docx(raw: bytes, path: str) -> list[Row]:
    """Paragraphs (with their text boxes) and table rows of a Word document, in document order."""
    import io

    try:
        import docx
        from lxml import etree

        document = docx.Document(io.BytesIO(raw))
        body = document.element.body
        rows: list[Row] = []
        counter = [0, 0]  # paragraphs, tables
        _walk(body, rows, counter, _auto_numbers(document))
        return rows
    except PlanError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, etree.LxmlError, OSError, AttributeError, TypeError) as exc:
        raise PlanError([problem(path, (0, 0), "docx-broken", detail=_short(exc))]) from None
    except Exception as exc:  # python-docx raises assorted errors for damaged packages
        raise PlanError([problem(path, (0, 0), "docx-broken", detail=_short(exc))]) from None


def _short(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "…"


_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SKIP = {f"{W}del", f"{W}delText", f"{W}instrText", f"{_MC}Fallback", f"{W}txbxContent", f"{W}tbl"}


def _auto_numbers(document: object) -> AutoNumbers:
    """The document's automatic numbering (a document without it has none to add)."""
    part = document.part  # type: ignore[attr-defined]
    rels = {rel.reltype.rsplit("/", 1)[-1]: rel.target_part for rel in part.rels.values() if not rel.is_external}
    numbering, styles = rels.get("numbering"), rels.get("styles")
    return AutoNumbers(numbering.element if numbering is not None else None,
                       styles.element if styles is not None else None)


def _walk(container: object, rows: list[Row], counter: list[int], numbers: AutoNumbers) -> None:
    for el in container.iterchildren():  # type: ignore[attr-defined]
        tag = el.tag
        if tag == f"{W}p":
            counter[0] += 1
            for box in el.iter(f"{W}txbxContent"):
                if not any(a.tag == f"{_MC}Fallback" for a in box.iterancestors()):
                    _walk(box, rows, counter, numbers)
            for piece in (numbers.label(el) + _paragraph_text(el)).split("\n"):
                rows.append((counter[0], piece, None, 0))
        elif tag == f"{W}tbl":
            counter[1] += 1
            _table(el, rows, counter, numbers)
        elif tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}ins"):
            _walk(el, rows, counter, numbers)


def _paragraph_text(p: object) -> str:
    out: list[str] = []

    def visit(el: object) -> None:
        for child in el.iterchildren():  # type: ignore[attr-defined]
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == f"{W}t":
                out.append(child.text or "")
            elif tag in (f"{W}tab", f"{W}ptab"):
                out.append(" ")
            elif tag in (f"{W}br", f"{W}cr"):
                kind = child.get(f"{W}type")
                out.append("\n" if kind in (None, "textWrapping") else "")
            elif tag == f"{W}noBreakHyphen":
                out.append("-")
            else:
                visit(child)

    visit(p)
    return "".join(out)


def _table(tbl: object, rows: list[Row], counter: list[int], numbers: AutoNumbers) -> None:
    table_no = counter[1]
    for tr in tbl.iterchildren(f"{W}tr"):  # type: ignore[attr-defined]
        cells: list[str] = []
        for tc in tr.iterchildren(f"{W}tc"):
            texts: list[str] = []
            for p in tc.iter(f"{W}p"):
                texts.append(numbers.label(p) + _paragraph_text(p))
            cells.append("\n".join(t for t in texts if t.strip()))
        counter[0] += 1
        rows.append((counter[0], " ".join(c for c in cells if c), tuple(cells), table_no))


# --- cleaning ------------------------------------------------------------------


def _visible(text: str) -> tuple[str, int]:
    """Drop invisible and control characters, bookmarks; unify spaces. Returns text and artefacts removed."""
    text, n = _BOOKMARK.subn("", text)
    kept = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cf", "Cs") or ch in "\ufffe\uffff":
            if ch == "\t":
                kept.append(" ")
            continue
        kept.append(ch)
    return "".join(kept), n


def _wide(ch: str) -> bool:
    """CJK ideographs and full-width punctuation: text where spaces carry no meaning."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


def squeeze(text: str) -> tuple[str, tuple[str, ...]]:
    """Remove spaces between Chinese characters, collapse others to one; also return the pieces."""
    pieces = [p for p in _SPACES.split(text.strip()) if p]
    if not pieces:
        return "", ()
    out, parts = pieces[0], [pieces[0]]
    for piece in pieces[1:]:
        if _wide(out[-1]) and _wide(piece[0]):
            out += piece
            parts.append(piece)
        else:
            out += " " + piece
            parts[-1] += " " + piece
    return out, tuple(parts)


def _balanced(text: str) -> bool:
    return all(text.count(a) <= text.count(b) for a, b in _OPEN_CLOSE)


def unfinished(text: str) -> bool:
    """A line that stops mid-sentence: a page break or a hard wrap cut it."""
    if not text or text[-1] in _TERMINAL:
        return False
    if not _balanced(text) or text[-1] in "，,、“‘《（(":
        return True
    if "。" in text:
        return True
    return len(text) >= 20 and ("，" in text or "、" in text) and not starts_like_heading(text)


def _continues(text: str) -> bool:
    """Whether a line may be the rest of an unfinished one: not one a heading label starts (3.5公顷 is
    no label)."""
    return bool(text) and not _DATE_LINE.match(text) and not text.startswith("附件") and not starts_like_heading(text)


def clean(rows: list[Row]) -> Extracted:
    """Clean raw rows and join sentences a page break or line wrap cut in two."""
    lines: list[Line] = []
    artefacts = 0
    pending: Line | None = None
    for no, raw, cells, table in rows:
        text, n = _visible(raw)
        artefacts += n
        if cells is not None:
            if pending:
                lines.append(pending)
                pending = None
            clean_cells = tuple(squeeze(_visible(c)[0].replace("\n", " "))[0] for c in cells)
            joined = " ".join(c for c in clean_cells if c)
            if joined:
                lines.append(Line(joined, no, (joined,), clean_cells, table))
            continue
        text, parts = squeeze(text)
        if not text:
            continue
        if _PAGE_NUMBER.match(text):
            artefacts += 1
            continue
        if pending and unfinished(pending.text) and _continues(text):
            pending = Line(pending.text + _joint(pending.text, text) + text, pending.no, pending.parts + parts)
            artefacts += 1
            continue
        if pending:
            lines.append(pending)
        pending = Line(text, no, parts)
    if pending:
        lines.append(pending)
    return Extracted(lines, artefacts)


def _joint(left: str, right: str) -> str:
    return "" if _wide(left[-1]) or _wide(right[0]) else " "

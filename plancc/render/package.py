"""A Word package (.docx) written as text: every part a plancc document needs, made here.

A .docx is a zip of XML parts. plancc writes all of them itself: the main document from body pieces
written by `plancc.render.wml`, the styles from `Style` definitions, page-number footers, settings,
font table, relationships, content types and fixed core properties. Nothing is read from a template
document, so building never needs python-docx, and the same content always gives the same bytes.

A `Skeleton` is everything of a kind of document except its body: made once per process, its parts
compressed once, then `Skeleton.docx(body)` turns out documents with no XML tree built.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from itertools import chain
from typing import Iterable

from plancc.archive import (
    DECLARATION,
    OFFICE_RELS,
    PACKAGE_RELS,
    Deflated,
    core_properties,
    package_parts,
    xml_escape,
    zip_bytes,
)
from plancc.render import wml

_ROOT = f'xmlns:w="{wml.W_NS}" xmlns:r="{OFFICE_RELS}"'
_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."
# The parts of the word/ folder besides footers: relationship id, relationship type, content type.
_PARTS = {
    "styles.xml": ("rId1", "styles", "styles+xml"),
    "settings.xml": ("rId2", "settings", "settings+xml"),
    "fontTable.xml": ("rId3", "fontTable", "fontTable+xml"),
}
PAGE_FOOTERS = ("rId4", "rId5")  # footer1.xml on odd pages, footer2.xml on even pages
NO_FOOTERS = ("rId6", "rId7")  # footer3.xml and footer4.xml: empty, for a last section without page numbers


def _part(name: str) -> tuple[str, str, str]:
    if name.startswith("footer"):
        return f"rId{3 + int(name[6:-4])}", "footer", "footer+xml"
    return _PARTS[name]


@dataclass(frozen=True)
class Style:
    """A paragraph style shown in Word's style list: its id (also its name), the style it is based on,
    and its character and paragraph properties (`wml.rpr` and `wml.ppr` text)."""

    id: str
    rpr: str = ""
    ppr: str = ""
    base: str = "Normal"


def styles_xml(defaults_rpr: str, defaults_ppr: str, styles: Iterable[Style] = ()) -> str:
    """word/styles.xml: document defaults, Normal (which adds nothing to them), the built-in defaults
    Word expects (paragraph font, table, list) and `styles`."""
    custom = "".join(
        f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{xml_escape(s.id)}"><w:name w:val="{xml_escape(s.id)}"/>'
        f'<w:basedOn w:val="{xml_escape(s.base)}"/><w:qFormat/>{s.ppr}{s.rpr}</w:style>'
        for s in styles
    )
    return (
        f"{DECLARATION}<w:styles {_ROOT}>"
        f"<w:docDefaults><w:rPrDefault>{defaults_rpr}</w:rPrDefault><w:pPrDefault>{defaults_ppr}</w:pPrDefault></w:docDefaults>"
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>'
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/>'
        '<w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/>'
        '<w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
        '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
        '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:uiPriority w:val="99"/>'
        f"<w:semiHidden/><w:unhideWhenUsed/></w:style>{custom}</w:styles>"
    )


def settings_xml(lang: str) -> str:
    """word/settings.xml: different footers on odd and even pages, Chinese layout, East Asian
    theme language `lang`, Word 2010 compatibility."""
    compat = "".join(
        f'<w:compatSetting w:name="{name}" w:uri="http://schemas.microsoft.com/office/word" w:val="{val}"/>'
        for name, val in (("compatibilityMode", 14), ("overrideTableStyleFontSizeAndJustification", 1),
                          ("enableOpenTypeFeatures", 1), ("doNotFlipMirrorIndents", 1))
    )
    return (
        f'{DECLARATION}<w:settings {_ROOT}><w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/><w:evenAndOddHeaders/>'
        f'<w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:useFELayout/>{compat}</w:compat>'
        f'<w:themeFontLang w:val="en-US" w:eastAsia="{lang}"/><w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>'
        "</w:settings>"
    )


def font_table_xml(fonts: dict[str, tuple[str, str, str]]) -> str:
    """word/fontTable.xml: each font with its other name, the GB2312 character set, family and pitch,
    so that Word substitutes sensibly where a font is missing."""
    items = "".join(
        f'<w:font w:name="{xml_escape(name)}"><w:altName w:val="{xml_escape(alt)}"/><w:charset w:val="86"/>'
        f'<w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>'
        for name, (alt, family, pitch) in fonts.items()
    )
    return f"{DECLARATION}<w:fonts {_ROOT}>{items}</w:fonts>"


def footer_xml(paragraph: str = "<w:p/>") -> str:
    return f"{DECLARATION}<w:ftr {_ROOT}>{paragraph}</w:ftr>"


def _document_rels(word_parts: Iterable[str]) -> str:
    rels = "".join(
        f'<Relationship Id="{_part(name)[0]}" Type="{OFFICE_RELS}/{_part(name)[1]}" Target="{name}"/>' for name in word_parts
    )
    return f'{DECLARATION}<Relationships xmlns="{PACKAGE_RELS}">{rels}</Relationships>'


@dataclass(frozen=True)
class Skeleton:
    """Every part of a kind of document but its body and core properties: styles, settings and font
    table (word/*.xml text), the footers (footer1.xml, footer2.xml …: `PAGE_FOOTERS` and `NO_FOOTERS`
    refer to them) and the last section's properties (`plancc.render.ooxml.page_section`)."""

    styles: str
    settings: str
    fonts: str
    footers: tuple[str, ...]
    section: str

    @cached_property
    def _parts(self) -> dict[str, Deflated]:
        """The shared parts, compressed once."""
        word = {"styles.xml": self.styles, "settings.xml": self.settings, "fontTable.xml": self.fonts}
        word |= {f"footer{i}.xml": text for i, text in enumerate(self.footers, 1)}
        types = {"word/document.xml": f"{_CT}document.main+xml"} | {f"word/{name}": _CT + _part(name)[2] for name in word}
        parts = {f"word/{name}": text.encode("utf-8") for name, text in word.items()}
        parts |= {"word/_rels/document.xml.rels": _document_rels(word).encode("utf-8")}
        parts |= package_parts("word/document.xml", types)
        return {name: Deflated.of(data) for name, data in parts.items()}

    def docx(self, body: str | Iterable[str], title: str = "", when: datetime | None = None) -> bytes:
        """A .docx whose body is `body`: WordprocessingML paragraphs and tables, as text or as pieces
        of text (compressed as they come, so a long table is never whole in memory)."""
        pieces = [body] if isinstance(body, str) else body
        head = f"{DECLARATION}<w:document {_ROOT}><w:body>".encode("utf-8")
        tail = f"{self.section}</w:body></w:document>".encode("utf-8")
        main = chain((head,), (piece.encode("utf-8") for piece in pieces), (tail,))
        return zip_bytes({**self._parts, "word/document.xml": main, "docProps/core.xml": core_properties(title, when)})

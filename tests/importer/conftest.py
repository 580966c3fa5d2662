"""Helpers for the importer tests: fixture documents, importing into a temporary folder, and the
text of a plan rebuilt from plancc's wording pieces (independent of the notice renderer)."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import docx
import pytest

from plancc.api import check
from plancc.importer import ImportResult, import_document
from plancc.model import Action, Plan, Section
from plancc.render.templates import Templates
from plancc.render.wording import action_text, attribution

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "import"
SEEDS = ROOT.parent / "shared" / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
HAND_PLANS = {
    "000_5b2eb17c1cfbb527": ROOT / "plans" / "000-spring-offensive.yaml",
    "001_ba4d4d4b2a22ff08": ROOT / "plans" / "001-jingxian-notice.yaml",
    "004_0184a21d3c671655": ROOT / "plans" / "004-guanba-workpoints.yaml",
}


def run_import(source: Path, folder: Path) -> tuple[ImportResult, Path | None, Plan | None]:
    """Import `source`, write the YAML into `folder`, and read it back with plancc's checker."""
    target = folder / f"{source.stem}.yaml"
    result = import_document(source, target)
    if result.yaml_text is None:
        return result, None, None
    target.write_text(result.yaml_text, encoding="utf-8")
    checked = check(target)
    assert checked.ok(), [f"{p.line}: {p.code} {p.message()}" for p in checked.problems]
    return result, target, checked.plan


@pytest.fixture
def imported(tmp_path: Path):
    def go(source: Path) -> tuple[ImportResult, Path | None, Plan | None]:
        return run_import(source, tmp_path)

    return go


def rebuilt_text(plan: Plan) -> str:
    """The words of the document plancc builds, from action_text, headings (with their units) and
    paragraphs: written apart from plancc.importer.verify, so that each checks the other."""
    t = Templates()
    out: list[str] = []
    n = plan.notice
    if n is not None:
        out += [*n.mark, n.mark_suffix, str(n.number) if n.number else ""]
        out += [n.title]
        if n.to:
            out.append(plan.style.separator.join(n.to) + "：")
        if plan.kind == "印发通知":
            out += list(n.body or ())
            out += [*n.signature, f"{n.date.year}年{n.date.month}月{n.date.day}日" if n.date else ""]
            out.append(plan.title)
    else:
        out.append(plan.title)
    out += list(plan.preamble)

    def blocks(items: tuple) -> None:
        for b in items:
            if isinstance(b, str):
                out.append(b)
            elif isinstance(b, Section):
                sep = "" if not b.text or b.heading[-1:] in "。！？：；" else "。"
                out.append(f"{b.label}{b.heading}{sep}{b.text}{attribution(b, plan, t)}")
                blocks(b.body)
            elif isinstance(b, Action):
                out.append(action_text(b, plan, t))

    blocks(plan.body)
    return "\n".join(s for s in out if s)


def ratio(a: str, b: str) -> float:
    """Share of characters in common, whitespace ignored."""
    a, b = re.sub(r"\s+", "", a), re.sub(r"\s+", "", b)
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


_NUMBERING = """<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="10">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%3"/><w:isLgl/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="11">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%1"/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="12">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="11"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="11"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="12"/></w:num>
</w:numbering>"""


def numbered_docx(path: Path, paragraphs: list[tuple[str, str | None, int]]) -> None:
    """A Word file whose paragraphs (text, numId or "style", level) are numbered by Word, not typed."""
    from docx.oxml import parse_xml

    document = docx.Document()
    numbering = document.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    for child in parse_xml(_NUMBERING):
        numbering.append(child)
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document.styles.element.append(parse_xml(  # a heading style numbered by list 1, level 0
        f'<w:style {w} w:type="paragraph" w:styleId="PlanHeading"><w:name w:val="Plan Heading"/>'
        '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'))
    for text, num, level in paragraphs:
        p = document.add_paragraph(text)
        if num == "style":
            p._p.get_or_add_pPr().append(parse_xml(f'<w:pStyle {w} w:val="PlanHeading"/>'))
        elif num:
            p._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>'))
    document.save(str(path))

"""Survey: what a document's body looks like before its lines get a place.

Which numbered items carry an attribution, which levels number on across sections (the 1–42 of a
工作要点), which label format each level mostly uses, the plan period and the year dates belong to.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from plancc.importer import facts
from plancc.importer.attribution import Attribution, parse_fields, trailing, without
from plancc.importer.extract import Line
from plancc.importer.outline import MAX_LEVELS, Node
from plancc.timeline import parse_iso

_YEAR_IN_TITLE = re.compile(r"(\d{4})年")


@dataclass
class Survey:
    period: tuple[str, str, str] | None = None  # start, end, wording
    year: int | None = None
    attributions: dict[int, Attribution] = field(default_factory=dict)  # id(node) -> attribution
    in_paragraph: set[int] = field(default_factory=set)  # nodes whose attribution ends the next paragraph
    paragraph_tasks: dict[int, Attribution] = field(default_factory=dict)  # id(line) -> its units: unnumbered tasks
    continued: set[int] = field(default_factory=set)  # levels numbered on across sections
    action_levels: set[int] = field(default_factory=set)  # continued levels whose items are tasks
    formats: dict[int, str] = field(default_factory=dict)  # level -> most used label format
    notes: dict[tuple[Any, ...], str] = field(default_factory=dict)


def survey(root: Node, body: list[Line], title: str, kind: str, notice: dict[str, Any]) -> Survey:
    s = Survey()
    s.period = _period(body, title, kind, s)
    year = s.period[0][:4] if s.period else str(notice.get("date", ""))[:4] or str((notice.get("number") or {}).get("year", ""))
    s.year = int(year) if year.isdigit() else None
    nodes = root.walk()
    _attributions(nodes, s)
    s.continued = {
        p.nodes[0].level for p in nodes if p.nodes and p.nodes[0].label and p.nodes[0].label.number > 1
    }
    s.action_levels = {n.level for n in nodes if id(n) in s.attributions and n.level in s.continued}
    by_level: dict[int, Counter[str]] = {}
    for node in nodes:
        if node.label and not node.label.irregular:
            by_level.setdefault(node.level, Counter())[node.label.fmt] += 1
    s.formats = {level: c.most_common(1)[0][0] for level, c in by_level.items()}
    return s


def _period(body: list[Line], title: str, kind: str, s: Survey) -> tuple[str, str, str] | None:
    """A period worded in the text (2020年2月—4月); when the text words several (the stages of a plan),
    from the earliest start to the latest end; else the year in the title of a plan."""
    text = "\n".join(line.text for line in body)
    periods = [p for line in body if (p := facts.period(line.text))]
    if len({p[:2] for p in periods}) > 1:
        s.notes[("period",)] = "实施期限由文中各阶段的起止时间推断"
        start = min(periods, key=lambda p: parse_iso(p[0]))[0]
        return start, max(periods, key=lambda p: parse_iso(p[1], end=True))[1], ""
    if periods:
        found = periods[0]
        return found if found[2] in text else (found[0], found[1], "")
    m = _YEAR_IN_TITLE.search(title)
    if m and kind != "通知":
        s.notes[("period",)] = "实施期限由标题中的年份推断"
        return f"{m.group(1)}-01", f"{m.group(1)}-12", ""
    return None


def _attributions(nodes: list[Node], s: Survey) -> None:
    """Attributions of every numbered item, and of the unnumbered paragraphs that are tasks;
    keyword-less ones only where the document uses them often."""
    for node in nodes:
        tasks = _paragraph_tasks(node)
        s.paragraph_tasks.update(tasks)
        attr, in_paragraph = find_attribution(node)
        if attr and not (in_paragraph and tasks):
            s.attributions[id(node)] = attr
            if in_paragraph:
                s.in_paragraph.add(id(node))
    often = sum(a.guessed for a in s.attributions.values()) >= 2
    for key, attr in list(s.attributions.items()):
        if attr.guessed and not often and len(attr.lead + attr.responsible) < 2:
            del s.attributions[key]


def _paragraph_tasks(node: Node) -> dict[int, Attribution]:
    """Unnumbered tasks: two or more paragraphs under a heading (with words of its own, above the
    fourth level, so that they make no fifth) that each name their units after words of their own."""
    assert node.label is not None
    if len(node.paragraphs) < 2 or node.level >= MAX_LEVELS or not _words(node.label.rest, trailing(node.label.rest)):
        return {}
    tasks = {id(p): a for p in node.paragraphs
             if p.cells is None and (a := trailing(p.text)) and (a.lead or a.responsible) and _words(p.text, a)}
    return tasks if len(tasks) >= 2 else {}


def _words(text: str, attr: Attribution | None) -> str:
    """What `text` says besides the attribution that ends it."""
    return without(text, attr).strip("。；; ")


MAX_FIELDS = 6  # lines under a task that may name its units and deadline


def find_attribution(node: Node) -> tuple[Attribution | None, bool]:
    """The attribution at the end of the item's line, at the end of its last paragraph, or on the
    lines that end it (责任单位：X / 完成时限：…); the flag: in its last paragraph."""
    assert node.label is not None
    if attr := trailing(node.label.rest):  # a section's heading that is nothing but the parenthesis: it is the heading
        return (None, False) if node.nodes and not _words(node.label.rest, attr) else (attr, False)
    if node.nodes or not node.paragraphs or node.paragraphs[-1].cells is not None:
        return None, False
    if attr := trailing(node.paragraphs[-1].text):
        return attr, True
    for n in range(min(MAX_FIELDS, len(node.paragraphs)), 0, -1):  # the most lines that read as fields
        tail = node.paragraphs[-n:]
        if all(p.cells is None for p in tail) and (attr := parse_fields([p.text for p in tail])):
            return attr, False
    return None, False

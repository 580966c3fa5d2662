"""Parse: clean lines -> plan data (plain dicts in the key order of the plan format).

Besides the data it records what the document printed for each section and action (its label and
attribution, so that plancc.importer.verify can add `label` and `attribution_text` overrides where
plancc's own numbering or wording would differ), the guesses a clerk should check, and the lines it
could not place.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from plancc.importer import facts
from plancc.importer.attribution import Attribution, names, without
from plancc.importer.extract import Line
from plancc.importer.header import (
    ATTACHMENT,
    DOC_TYPE_END,
    Front,
    find_signoff,
    read_back,
    read_front,
    transmitted_title,
)
from plancc.importer.labels import read_label
from plancc.importer.outline import Node, build_outline
from plancc.importer.survey import survey
from plancc.importer.tables import TaskTable, cell, expand_tables, names_task, plain
from plancc.importer.units import build_registry, kind_of, split_conjoined
from plancc.model import DEFAULT_NUMBERING
from plancc.timeline import DATE, Due, parse_iso

Path_ = tuple[Any, ...]
MAX_TITLE = 60
NOTICE_KEYS = (
    "title", "title_lines", "mark", "mark_suffix", "issuer", "number", "signer", "copy_no", "secrecy", "urgency", "to", "body",
    "attachments", "signature", "date", "sealed", "note", "cc", "printed_by", "printed_on",
)
NO_TITLE = "（标题待补）"
UNPLACED_NOTE = "无法识别这一行，已作为段落保留"
_TASK_HEADING = re.compile(r"(?:主要|重点|工作|具体)(?:任务|措施|举措)|工作重点|重点工作|任务分工")
_TIMING_HEADING = re.compile(r"时间|进度|步骤|阶段")
_TABLE_TITLE = re.compile(r"(?:分工|任务|责任|工作)(?:表|清单|一览表|台账)$")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Expect:
    """What the document printed for one section or action."""

    label: str = ""
    attribution: str | None = None
    style: str = ""


@dataclass
class Draft:
    data: dict[str, Any]
    notes: dict[Path_, str] = field(default_factory=dict)
    expect: dict[Path_, Expect] = field(default_factory=dict)
    unplaced: list[Line] = field(default_factory=list)
    omitted: list[Line] = field(default_factory=list)  # lines plancc builds elsewhere (a repeated task table)
    lines: int = 0
    understood: bool = True


@dataclass
class _Item:
    """A body entry before it gets its place (and path) in the data."""

    data: dict[str, Any] | str
    expect: Expect | None = None
    notes: dict[Path_, str] = field(default_factory=dict)  # relative to the item
    children: list[_Item] = field(default_factory=list)  # for sections: their body


class _Parser:
    def __init__(self, lines: list[Line], stem: str) -> None:
        self.stem = stem
        self.lines, self.tables = expand_tables(lines)
        self.total = len(lines)
        self.omitted: list[Line] = []
        self.rows_of: dict[int, Line] = {}  # line number of a task -> the row of the table that lists it again
        self.unplaced: list[Line] = []
        self.notes: dict[Path_, str] = {}
        self.year: int | None = None
        self.period: tuple[str, str, str] | None = None
        self.attributions: dict[int, Attribution] = {}  # id(node) -> attribution
        self.attr_in_paragraph: set[int] = set()
        self.paragraph_tasks: dict[int, Attribution] = {}
        self.action_levels: set[int] = set()
        self.continued: set[int] = set()
        self.formats: dict[int, str] = {}
        self.milestones: list[Any] = []

    # --- document -------------------------------------------------------------

    def parse(self) -> Draft:
        front = read_front(self.lines)
        notice: dict[str, Any] = {}
        title, title_lines = front.title, front.title_lines
        transmitted = transmitted_title(front.title) if front.title else None
        start = front.used
        if transmitted:
            kind = "印发通知"
            notice["title"] = front.title
            if front.title_lines:
                notice["title_lines"] = front.title_lines
            title, title_lines, start, notice_body, signoff = self._transmittal(transmitted, start)
            if notice_body:
                notice["body"] = notice_body
            notice.update(signoff)
        else:
            kind = self._kind(front)
        notice = self._notice_fields(front, notice)
        back = read_back(self.lines, start)
        for key, value in back.fields.items():
            notice.setdefault(key, value)
        if back.attachments:
            notice["attachments"] = back.attachments
        notice = {k: notice[k] for k in NOTICE_KEYS if k in notice}
        body_lines = self._without_repeated_tables(self.lines[start : back.start])
        root = build_outline(body_lines)
        self._survey(root, body_lines, title, kind, notice)
        preamble, blocks = self._root(root)
        if not title:
            title = NO_TITLE
            self.notes[("title",)] = "原文没有标题，请补写"
        data = self._assemble(kind, title, title_lines, notice, front, preamble, blocks)
        understood = (bool(blocks) or (front.title != "" and bool(preamble))) and len(self.unplaced) * 2 <= self.total
        draft = Draft(data, self.notes, lines=self.total, understood=understood, unplaced=self.unplaced,
                      omitted=self.omitted)
        self._place(blocks, ("body",), draft)
        return draft

    def _kind(self, front: Front) -> str:
        t = front.title
        if t.endswith("通知"):
            return "通知"
        if t.endswith("实施方案"):
            return "实施方案"
        if t.endswith("要点"):
            return "工作要点"
        if t and not t.endswith("方案"):
            found = DOC_TYPE_END.search(t)
            self.notes[("kind",)] = f"原文文种为“{found.group() if found else '未知'}”，按“方案”处理"
        return "方案"

    def _transmittal(self, transmitted: str, start: int) -> tuple[str, list[str], int, list[str], dict[str, str]]:
        """The transmittal's own paragraphs and sign-off, then the attached plan's title."""
        first_heading = next((i for i in range(start, len(self.lines)) if read_label(self.lines[i].text)), len(self.lines))
        signoff = find_signoff(self.lines, start, first_heading)
        fields: dict[str, str] = {}
        if signoff:
            body_end, i = signoff.start, signoff.end
            if signoff.signature:
                fields["signature"] = signoff.signature
            fields["date"] = signoff.date
        else:
            same = [i for i in range(start, first_heading) if _plain(self.lines[i].text) == _plain(transmitted)]
            body_end = i = same[0] if same else start
        body = [line.text for line in self.lines[start:body_end]]
        while i < len(self.lines) and ATTACHMENT.match(self.lines[i].text) and len(self.lines[i].text) <= 6:
            i += 1
        title, title_lines = transmitted, list[str]()
        pair = self.lines[i : i + 2]
        if len(pair) == 2 and _plain(pair[0].text + pair[1].text) == _plain(transmitted):
            title, title_lines = transmitted, [pair[0].text, pair[1].text]  # the attached plan's title over two lines
            i += 2
        elif i < len(self.lines) and self._is_plan_title(self.lines[i], transmitted):
            title = self.lines[i].text
            i += 1
        return title, title_lines, i, body, fields

    @staticmethod
    def _is_plan_title(line: Line, transmitted: str) -> bool:
        text = line.text
        return _plain(text) == _plain(transmitted) or (
            len(text) <= MAX_TITLE and "。" not in text and "，" not in text and bool(DOC_TYPE_END.search(text))
        )

    def _notice_fields(self, front: Front, notice: dict[str, Any]) -> dict[str, Any]:
        order = ["title", "title_lines", "mark", "mark_suffix", "issuer", "number", "signer", "copy_no", "secrecy", "urgency"]
        out: dict[str, Any] = {k: notice[k] for k in ("title", "title_lines") if k in notice}
        for key in order[2:]:
            if key in front.fields:
                out[key] = front.fields[key]
        if "issuer" in front.guesses:
            self.notes[("notice", "issuer")] = front.guesses["issuer"]
        if front.to:
            out["to"] = front.to
        for key, value in notice.items():
            out.setdefault(key, value)
        return out

    # --- a task table that repeats the body ------------------------------------

    def _without_repeated_tables(self, lines: list[Line]) -> list[Line]:
        """Leave out a task table whose rows mostly name the body's own tasks again (the 任务分工表
        attached to a plan, which plancc builds from them), with the 附件 lines heading it; such a row
        gives its task the units and deadlines it does not name itself (`_from_table`), and a row that
        names no task is reported as a line the importer could not place."""
        if not self.tables:
            return lines
        outline = build_outline([line for line in lines if line.cells is None])
        leaves = [(plain(n.label.rest), n.line.no) for n in outline.walk() if not n.nodes and n.label and n.line]
        drop: set[int] = set()
        for no, table in self.tables.items():
            rows = [i for i, line in enumerate(lines) if line.table == no and line.cells is not None]
            named: dict[int, int] = {}  # row -> line number of the task it names
            for i in rows:
                task = plain(cell(lines[i], table, "task"))
                at = next((at for rest, at in leaves if at not in self.rows_of and names_task(task, rest)), None)
                if at is not None:
                    named[i] = at
                    self.rows_of[at] = lines[i]
            if not rows or 2 * len(named) < len(rows):
                for at in named.values():
                    del self.rows_of[at]
                continue
            self.unplaced += [lines[i] for i in rows if i not in named]  # the clerk adds these by hand
            self.omitted += [table.header] + [lines[i] for i in named]
            drop.update(rows)
            i = rows[0] - 1
            while i >= 0 and rows[0] - i <= 3 and lines[i].cells is None and _heads_table(lines[i].text):
                self.omitted.append(lines[i])
                drop.add(i)
                i -= 1
        if drop:
            self.notes[("body",)] = "附件任务分工表中与正文任务重复的行已略去（plancc build 会生成任务分工表）"
        return [line for i, line in enumerate(lines) if i not in drop]

    def _from_table(self, data: dict[str, Any], row: Line, notes: dict[Path_, str]) -> None:
        """Add a repeated table row's units, when the task names none, and the deadlines it does not name."""
        extra = self._table_action(row, self.tables[row.table]).data
        assert isinstance(extra, dict)
        if not (data.keys() & {"lead", "responsible"}) and extra.keys() & {"lead", "responsible"}:
            data.update({k: extra[k] for k in ("lead", "responsible", "etc") if k in extra})
            data["attribution"] = "none"  # the document names them in the table only
            notes[("lead" if "lead" in data else "responsible",)] = "单位取自附件任务分工表"
        said = {d if isinstance(d, str) else d["when"] for d in data.get("deadlines", [])}
        more = [d for d in extra.get("deadlines", []) if (d if isinstance(d, str) else d["when"]) not in said]
        if more:
            data["deadlines"] = data.get("deadlines", []) + more

    # --- survey: what the body looks like ---------------------------------------

    def _survey(self, root: Node, body: list[Line], title: str, kind: str, notice: dict[str, Any]) -> None:
        found = survey(root, body, title, kind, notice)
        self.period, self.year, self.attributions = found.period, found.year, found.attributions
        self.attr_in_paragraph, self.continued, self.action_levels = found.in_paragraph, found.continued, found.action_levels
        self.paragraph_tasks = found.paragraph_tasks
        self.formats = found.formats
        self.notes.update(found.notes)

    # --- body -------------------------------------------------------------------

    def _root(self, root: Node) -> tuple[list[str], list[_Item]]:
        preamble: list[str] = []
        blocks: list[_Item] = []
        for child in root.children:
            if isinstance(child, Line) and not blocks and child.cells is None:
                if not _prose(child.text):
                    self.notes[("preamble", len(preamble))] = UNPLACED_NOTE
                preamble.append(self._paragraph(child))
            else:
                blocks.extend(self._child(child, root, []))
        return preamble, blocks

    def _child(self, child: Node | Line, parent: Node, path: list[Node]) -> list[_Item]:
        if isinstance(child, Line):
            if child.cells is not None and child.table in self.tables:
                return [self._table_action(child, self.tables[child.table])]
            if id(child) in self.paragraph_tasks:
                return [self._paragraph_task(child)]
            return [self._paragraph_item(child)]
        if self._is_action(child, parent, path):
            return self._action(child, parent, path)
        return [self._section(child, path)]

    def _paragraph_item(self, line: Line) -> _Item:
        return _Item(self._paragraph(line), notes={} if _prose(line.text) else {(): UNPLACED_NOTE})

    def _paragraph(self, line: Line) -> str:
        if not _prose(line.text):
            self.unplaced.append(line)
        return line.text

    def _is_action(self, node: Node, parent: Node, path: list[Node]) -> bool:
        if node.nodes or any(p.cells is not None or id(p) in self.paragraph_tasks for p in node.paragraphs):
            return False
        if node.line is not None and node.line.no in self.rows_of:  # a row of the task table names it
            return True
        if id(node) in self.attributions or id(parent) in self.attributions:  # or its section names units
            return True
        if any(id(s) in self.attributions for s in parent.nodes):
            return True
        if node.level in self.action_levels:
            return True
        return any(a.label and _TASK_HEADING.search(_heading(a.label.rest)[0]) for a in path)

    def _section(self, node: Node, path: list[Node]) -> _Item:
        assert node.label is not None
        attr = self.attributions.get(id(node))  # （一）发展特色产业（牵头单位：…）: units for the whole section
        heading, text = _heading(without(node.label.rest, attr).rstrip())
        data: dict[str, Any] = {"section": heading}
        if text:
            data["text"] = text
        notes: dict[Path_, str] = {}
        if attr:
            self._attribution(data, attr, notes)
        fmt = self._children_format(node)
        if fmt:
            data["numbering"] = fmt
        children: list[_Item] = []
        for child in node.children:
            children.extend(self._child(child, node, path + [node]))
        paragraphs = [text] + [c.data for c in children if isinstance(c.data, str)] + [attr.when if attr else ""]
        found = [d for p in paragraphs if p for d in facts.deadlines(p, self.year)]
        deadlines = self._deadlines(found)
        if deadlines:
            data["deadlines"] = deadlines
            if _TIMING_HEADING.search(heading):
                self.milestones.extend(deadlines)
        targets = [self._target(t) for p in paragraphs if p for t in facts.targets(p)]
        if targets:
            data["targets"] = targets
        expect = Expect(node.label.printed, attr.text if attr else None, attr.style if attr else "")
        item = _Item(data, expect, notes, children=children)
        if node.label.irregular:
            item.notes[("label",)] = "原文编号不规范，按原样保留"
        return item

    def _children_format(self, node: Node) -> str:
        kids = [k.label.fmt for k in node.nodes if k.label and not k.label.irregular]
        if not kids:
            return ""
        fmt = Counter(kids).most_common(1)[0][0]
        return fmt if fmt != self.formats.get(node.level + 1) else ""

    def _action(self, node: Node, parent: Node, path: list[Node]) -> list[_Item]:
        assert node.label is not None
        attr = self.attributions.get(id(node))
        after: list[_Item] = []
        notes: dict[Path_, str] = {}
        fields = attr.lines if attr else 0  # the attribution's own lines end the item
        if attr and (id(node) in self.attr_in_paragraph or (fields and len(node.paragraphs) > fields)):
            paragraphs = [p.text for p in node.paragraphs[: len(node.paragraphs) - fields]]
            if not fields:
                paragraphs[-1] = without(paragraphs[-1], attr)
            head = node.label.rest
            if "。" in head.rstrip("。"):
                title, text = _title(head)
                text += "".join(paragraphs)
                notes[("text",)] = "合并了任务后面的段落"
            else:
                title, text = head.rstrip("。"), "".join(paragraphs)
        else:
            body = without(node.label.rest, attr)
            title, text = _title(body)
            after = [self._paragraph_item(p) for p in node.paragraphs[: len(node.paragraphs) - fields]]
        data = self._task(title, text, attr, notes)
        row = self.rows_of.get(node.line.no) if node.line is not None else None
        if row is not None:
            self._from_table(data, row, notes)
        elif not attr and (not any(id(s) in self.attributions for s in [parent, *parent.nodes])
                           and node.level not in self.action_levels):
            notes[("action",)] = "按任务处理（所在章节为任务类），请核对"
        expect = Expect(node.label.printed, attr.text if attr else None, attr.style if attr else "")
        if node.label.irregular:
            notes[("label",)] = f"原文编号为“{node.label.printed}”，按原样保留"
        return [_Item(data, expect, notes)] + after

    def _paragraph_task(self, line: Line) -> _Item:
        """An unnumbered paragraph that names its units: a task printed without a number."""
        attr = self.paragraph_tasks[id(line)]
        notes: dict[Path_, str] = {}
        title, text = _title(without(line.text, attr))
        data = self._task(title, text, attr, notes) | {"label": ""}  # keys ordered later
        return _Item(data, Expect("", attr.text, attr.style), notes)

    def _task(self, title: str, text: str, attr: Attribution | None, notes: dict[Path_, str]) -> dict[str, Any]:
        """A task's data: its title and text, its units, and the deadlines and targets its words name."""
        data: dict[str, Any] = {"action": title}
        if text:
            data["text"] = text
        if not title:
            notes[("action",)] = "原文没有小标题"
        if attr:
            self._attribution(data, attr, notes)
        found = facts.deadlines(f"{title}。{text}", self.year)
        if attr and attr.when:  # 完成时限：… adds what the task's text does not say already; 完成 alone says nothing
            known = {f.text for f in found}
            found += [replace(f, what="") if len(f.what) <= 2 else f
                      for f in facts.deadlines(attr.when, self.year) or [facts.Found(attr.when)] if f.text not in known]
        deadlines = self._deadlines(found)
        if deadlines:
            data["deadlines"] = deadlines
        targets = [self._target(t) for t in facts.targets(text or title)]
        if targets:
            data["targets"] = targets
        return data

    def _attribution(self, data: dict[str, Any], attr: Attribution, notes: dict[Path_, str]) -> None:
        if attr.lead or attr.lead_label or not attr.responsible:
            data["lead"] = list(attr.lead)  # lead: [] when the document leaves the lead blank
        if attr.responsible:
            data["responsible"] = [n for n in attr.responsible if n not in attr.lead]
        if attr.etc:
            data["etc"] = True
        if attr.guessed:
            notes[("lead",)] = "括号内无“牵头”“负责”字样，按第一个逗号前为牵头单位处理"

    def _table_action(self, line: Line, table: TaskTable) -> _Item:
        title, text = _title(cell(line, table, "task"))
        data: dict[str, Any] = {"action": title}
        if text:
            data["text"] = text
        lead, etc = names(cell(line, table, "lead"))
        responsible = [n for n in names(cell(line, table, "responsible"))[0] if n not in lead]
        if lead:
            data["lead"] = lead
        if responsible:
            data["responsible"] = responsible
        if etc:
            data["etc"] = True
        when = cell(line, table, "deadline")
        found = facts.deadlines(when, self.year) if when else []
        if when and found and (d := facts.due_of(facts.Found(when), self.year)) is not None and self._in_period(d):
            data["deadlines"] = [when]
        elif found:
            data["deadlines"] = self._deadlines(found)
        return _Item(data, Expect(), {("action",): "来自任务表格"} if not title else {})

    # --- facts ------------------------------------------------------------------

    def _deadlines(self, found: list[facts.Found]) -> list[Any]:
        out: list[Any] = []
        for f in found:
            due = facts.due_of(f, self.year)
            if due is None or not self._in_period(due):
                continue
            entry: dict[str, Any] = {"when": f.text}
            if f.what:
                entry["what"] = f.what
            if f.after:
                entry["due"] = {"days" if due.unit == "day" else "amount": due.amount, **({"unit": due.unit} if due.unit != "day" else {}), "after": f.after}
            out.append(entry if len(entry) > 1 else f.text)
        return out

    def _in_period(self, due: Due) -> bool:
        if not self.period or due.kind != DATE or due.date is None:
            return True
        start, end = parse_iso(self.period[0]), parse_iso(self.period[1], end=True)
        return start <= due.date <= end

    @staticmethod
    def _target(t: facts.Found) -> Any:
        return {"text": t.text, "what": t.what} if t.what else t.text

    # --- assembly ---------------------------------------------------------------

    def _assemble(
        self, kind: str, title: str, title_lines: list[str], notice: dict[str, Any], front: Front,
        preamble: list[str], blocks: list[_Item],
    ) -> dict[str, Any]:
        data: dict[str, Any] = {"plancc": 1, "id": _slug(self.stem, notice), "kind": kind, "title": title}
        if title_lines:
            data["title_lines"] = title_lines
        if kind == "通知" and notice.get("title") == title:
            notice.pop("title")
        if notice:
            data["notice"] = notice
        if self.period:
            start, end, text = self.period
            data["period"] = {"start": start, "end": end, **({"text": text} if text else {})}
        milestones = self.milestones + [d for p in preamble for d in self._deadlines(facts.deadlines(p, self.year))]
        if milestones:
            data["milestones"] = milestones
        named = [i for i in _all(blocks) if isinstance(i.data, dict) and ("action" in i.data or "lead" in i.data or "responsible" in i.data)]
        units = self._units(named, notice.get("to") or [])
        if units:
            data["units"] = units
        data["style"] = self._style(front, blocks)
        if preamble:
            data["preamble"] = preamble
        data["body"] = []
        return data

    def _units(self, items: list[_Item], to: list[str]) -> list[dict[str, Any]]:
        """The registry of the units `items` (actions, sections naming units) and 主送 name."""
        actions: list[dict[str, Any]] = [i.data for i in items]  # type: ignore[misc]
        listed = [n for a in actions for key in ("lead", "responsible") for n in a.get(key, [])]
        split = split_conjoined(listed)
        for item, a in zip(items, actions):
            for key in ("lead", "responsible"):
                for name in a.get(key, []):
                    if name in split:
                        item.notes[(key,)] = f"“{name}”拆分为{'、'.join(split[name])}"
                if key in a:
                    a[key] = list(dict.fromkeys(p for n in a[key] for p in split.get(n, [n])))
            if "responsible" in a:
                a["responsible"] = [n for n in a["responsible"] if n not in a.get("lead", [])]
                if not a["responsible"]:
                    del a["responsible"]
        roles = {n for attr in self.attributions.values() for n in attr.posts}
        listed = [n for a in actions for key in ("lead", "responsible") for n in a.get(key, [])]
        out = []
        recipients = [n for n in to if n not in listed and kind_of(n) == "group"]
        entries = build_registry(listed + recipients, roles)
        entries = [e for e in entries if e.id not in recipients or e.members]  # a 主送 group is worth it with members
        for i, entry in enumerate(entries):
            unit: dict[str, Any] = {"id": entry.id}
            if entry.aliases:
                unit["aliases"] = entry.aliases
            if entry.kind != "unit":
                unit["kind"] = entry.kind
            if entry.members:
                unit["members"] = entry.members
            if entry.note:
                self.notes[("units", i)] = entry.note
            out.append(unit)
        return out

    def _style(self, front: Front, blocks: list[_Item]) -> dict[str, Any]:
        depth = max(self.formats, default=0)
        style: dict[str, Any] = {
            "numbering": [self.formats.get(level, DEFAULT_NUMBERING[min(level, 4) - 1]) for level in range(1, min(depth, 4) + 1)]
            or list(DEFAULT_NUMBERING[:2])
        }
        if self.continued:
            style["continue"] = sorted(self.continued)
        attrs = list(self.attributions.values())
        if attrs:
            style["attribution"] = Counter(a.style for a in attrs).most_common(1)[0][0]
            leads = Counter(a.lead_label for a in attrs if a.lead_label)
            resps = Counter(a.responsible_label for a in attrs if a.responsible_label)
            if leads and leads.most_common(1)[0][0] != "牵头单位":
                style["lead_label"] = leads.most_common(1)[0][0]
            if resps and resps.most_common(1)[0][0] != "责任单位":
                style["responsible_label"] = resps.most_common(1)[0][0]
        if front.separator != "、":
            style["separator"] = front.separator
        return style

    # --- placing items at their paths --------------------------------------------

    def _place(self, items: list[_Item], at: Path_, draft: Draft) -> None:
        target = draft.data
        for key in at[:-1]:
            target = target[key]
        body = target[at[-1]]
        for i, item in enumerate(items):
            path = at + (i,)
            body.append(item.data)
            if item.expect:
                draft.expect[path] = item.expect
            for rel, note in item.notes.items():
                draft.notes[path + rel] = note
            if item.children:
                assert isinstance(item.data, dict)
                item.data["body"] = []
                self._place(item.children, path + ("body",), draft)
        if not body:
            del target[at[-1]]


def _all(items: list[_Item]) -> list[_Item]:
    out: list[_Item] = []
    for item in items:
        out.append(item)
        out.extend(_all(item.children))
    return out


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _heads_table(text: str) -> bool:
    """附件：重点任务分工表, 附件2, 重点工作任务清单: a short line heading an attached table."""
    return len(text) <= 40 and "。" not in text and bool(ATTACHMENT.match(text) or _TABLE_TITLE.search(text))


def _prose(text: str) -> bool:
    """Text a reader would take for a sentence or heading, not an extraction leftover."""
    visible = _plain(text)
    cjk = len(_CJK.findall(visible))
    return cjk >= 2 and cjk >= 0.2 * len(visible)


def _heading(rest: str) -> tuple[str, str]:
    """（一）强化组织领导。各驻村…  -> (强化组织领导, 各驻村…)."""
    idx = rest.find("。")
    if idx <= 0:
        return rest, ""
    if idx == len(rest) - 1:
        return rest[:idx], ""  # 1.推进厕所革命。 heads a section: the 。 is not part of the heading
    return rest[:idx], rest[idx + 1 :]


def _title(text: str) -> tuple[str, str]:
    """An action's title (up to the first 。) and text; no title when the first sentence is long. A
    task that is one sentence is all title, 。 included (①加强组织领导。（…）)."""
    idx = text.find("。")
    if idx < 0 or idx == len(text.rstrip()) - 1:
        return (text.rstrip(), "") if len(text) <= MAX_TITLE else ("", text)
    if idx > MAX_TITLE:
        return "", text
    return text[:idx], text[idx + 1 :]


def _slug(stem: str, notice: dict[str, Any]) -> str:
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-_")[:64]
    if slug and slug[0].isalnum():
        return slug
    number = notice.get("number")
    if number:
        return f"plan-{number['year']}-{number['seq']}"
    return "plan"


def parse(lines: list[Line], stem: str = "plan") -> Draft:
    """Read a document's lines into plan data."""
    return _Parser(lines, stem).parse()

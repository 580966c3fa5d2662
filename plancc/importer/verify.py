"""Verify: run the imported plan forwards through plancc's model and wording and compare with the source.

`reconcile` adds a `label` where plancc's numbering would print another label than the document did
(三 for a missing 是, 41． among 1. labels) and an `attribution_text` where no attribution style
reproduces the document's wording. `plain_text` is the text of the document plancc would build, in
reading order, for the round-trip comparison.
"""

from __future__ import annotations

import copy
import difflib
import re
from collections.abc import Callable, Iterator
from typing import Any

from plancc.importer.parse import Draft, Path_
from plancc.model import LINES, TRANSMITTAL, Block, Plan, Section, build
from plancc.problems import PlanError
from plancc.render.templates import Templates
from plancc.render.wording import action_text, attribution

ACTION_KEYS = ("action", "id", "label", "text", "lead", "responsible", "etc", "attribution", "attribution_text", "deadlines", "targets")
SECTION_KEYS = ("section", "label", "numbering", "text", "lead", "responsible", "etc", "attribution", "attribution_text", "deadlines",
                "targets", "body")
MAX_ROUNDS = 6


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


def walk(blocks: tuple[Block, ...], at: Path_) -> Iterator[tuple[Path_, Block]]:
    for i, block in enumerate(blocks):
        yield at + (i,), block
        if isinstance(block, Section):
            yield from walk(block.body, at + (i, "body"))


def item_at(data: dict[str, Any], path: Path_) -> Any:
    target: Any = data
    for key in path:
        target = target[key]
    return target


def model(data: dict[str, Any]) -> Plan:
    return build(copy.deepcopy(data))


def reconcile(draft: Draft, templates: Templates) -> None:
    """Add label and attribution overrides so that building the plan prints what the document printed."""
    for _ in range(MAX_ROUNDS):
        changed = False
        for path, block in walk(model(draft.data).body, ("body",)):
            expect = draft.expect.get(path)
            if expect and expect.label and not isinstance(block, str) and _norm(block.label) != _norm(expect.label):
                item_at(draft.data, path)["label"] = expect.label
                changed = True
                break  # later labels count on from this one
        if not changed:
            break
    plan = model(draft.data)
    for path, block in walk(plan.body, ("body",)):
        expect = draft.expect.get(path)
        if isinstance(block, str) or not expect:
            continue
        printed = attribution(block, plan, templates)
        if expect.attribution is None:
            if printed:  # 分行 prints a deadline line the document did not
                item_at(draft.data, path)["attribution"] = "none"
            continue
        if _norm(printed) == _norm(expect.attribution):
            continue
        item = item_at(draft.data, path)
        if expect.style and expect.style != block.attribution:
            alternative = block._replace(attribution=expect.style)
            if _norm(attribution(alternative, plan, templates)) == _norm(expect.attribution):
                item["attribution"] = expect.style
                continue
            if expect.style == LINES:  # its own lines, whatever their wording
                item["attribution"] = LINES
        item["attribution_text"] = expect.attribution
    _reorder(draft.data.get("body") or [])


def _reorder(items: list[Any]) -> None:
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        keys = SECTION_KEYS if "section" in item else ACTION_KEYS
        items[i] = {k: item[k] for k in keys if k in item} | {k: v for k, v in item.items() if k not in keys}
        if "body" in items[i]:
            _reorder(items[i]["body"])


# --- the text plancc would print ------------------------------------------------------


def plain_text(plan: Plan, templates: Templates) -> str:
    """The words of the notice plancc builds from `plan`, one paragraph per line, in reading order."""
    out: list[str] = []
    n = plan.notice
    if n is not None:
        out += [s for s in (n.copy_no, n.urgency, *n.mark, n.mark_suffix, str(n.number) if n.number else "") if s]
        if n.signer:
            out.append(f"签发人：{n.signer}")
    out += list(n.title_lines or [n.title]) if n is not None else list(plan.title_lines or [plan.title])
    if n is not None and n.to:
        out.append(_say(templates, "recipients.j2", units=list(n.to), separator=plan.style.separator))
    if plan.kind == TRANSMITTAL and n is not None:
        out += list(n.body) if n.body is not None else [_say(templates, "transmittal.j2", title=plan.title, issuer=n.issuer)]
    else:
        out += _plan_body(plan, templates)
    if n is not None:
        if n.attachments:
            out += _say(templates, "attachment_note.j2", names=list(n.attachments)).splitlines()
        out += [s for s in (*n.signature, _date(templates, n.date)) if s]
        if n.note:
            out.append(_say(templates, "note.j2", note=n.note))
    if plan.kind == TRANSMITTAL:
        label = _say(templates, "plan_label.j2", title=plan.title, kind=plan.kind)
        out += ([label] if label else []) + list(plan.title_lines or [plan.title])
        out += _plan_body(plan, templates)
    if n is not None and n.cc:
        out.append(_say(templates, "cc.j2", units=list(n.cc), separator=plan.style.separator))
    if n is not None and (n.printed_by or n.printed_on):
        out.append(f"{n.printed_by}{_say(templates, 'printed.j2', date=_date(templates, n.printed_on)) if n.printed_on else ''}")
    return "\n".join(out)


_FALLBACK: dict[str, Callable[[dict[str, Any]], str]] = {
    "recipients.j2": lambda v: v["separator"].join(v["units"]) + "：",
    "transmittal.j2": lambda v: f"现将《{v['title']}》印发给你们，请结合实际认真贯彻落实。",
    "attachment_note.j2": lambda v: "\n".join(f"附件：{n}" for n in v["names"]),
    "note.j2": lambda v: f"（{v['note']}）",
    "plan_label.j2": lambda v: "",
    "cc.j2": lambda v: f"抄送：{v['separator'].join(v['units'])}。",
    "printed.j2": lambda v: f"{v['date']}印发",
    "date.j2": lambda v: f"{v['year']}年{v['month']}月{v['day']}日",
    "run_in.j2": lambda v: f"{v['label']}{v['heading']}{'' if v['heading'][-1:] in '。！？：；' else '。'}{v['text']}",
}


def _say(templates: Templates, name: str, **values: Any) -> str:
    """A wording template, or its default wording when the template is not there."""
    try:
        return str(templates.render(name, **values))
    except PlanError:
        return _FALLBACK[name](values)


def _date(templates: Templates, d: Any) -> str:
    return _say(templates, "date.j2", year=d.year, month=d.month, day=d.day) if d else ""


def _plan_body(plan: Plan, templates: Templates) -> list[str]:
    out = list(plan.preamble)
    out += _blocks(plan.body, plan, templates)
    return out


def _blocks(blocks: tuple[Block, ...], plan: Plan, templates: Templates) -> list[str]:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, str):
            out.append(block)
        elif isinstance(block, Section):
            if block.text:
                head = _say(templates, "run_in.j2", label=block.label, heading=block.heading, text=block.text)
            else:
                head = f"{block.label}{block.heading}"
            out.append(head + attribution(block, plan, templates))
            out += _blocks(block.body, plan, templates)
        else:
            out.append(action_text(block, plan, templates))
    return out


def similarity(a: str, b: str) -> float:
    """Share of characters two texts have in common, whitespace ignored (like difflib's ratio).

    Paragraphs are matched first and only differing stretches are compared character by character,
    so long documents stay fast.
    """
    pa = [p for p in (_norm(x) for x in a.splitlines()) if p]
    pb = [p for p in (_norm(x) for x in b.splitlines()) if p]
    total = sum(map(len, pa)) + sum(map(len, pb))
    if not total:
        return 1.0
    matched = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, pa, pb, autojunk=False).get_opcodes():
        if tag == "equal":
            matched += 2 * sum(map(len, pa[i1:i2]))
            continue
        left, right = "".join(pa[i1:i2]), "".join(pb[j1:j2])
        if left and right:
            exact = len(left) * len(right) <= 4_000_000
            blocks = difflib.SequenceMatcher(None, left, right, autojunk=not exact).get_matching_blocks()
            matched += 2 * sum(m.size for m in blocks)
    return matched / total

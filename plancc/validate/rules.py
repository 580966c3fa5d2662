"""Semantic rules: each a small function Facts -> problems, registered in RULES by code family.

A rule runs only on schema-valid data, so it may trust types and required keys.
"""

from __future__ import annotations

import difflib
from typing import Any, Callable, Iterator

from plancc.load import Path_, Source
from plancc.registry import alias_table, plan_year
from plancc.problems import WARNING, Problem, problem
from plancc.timeline import DATE, BadDate, Due, due_from_data, parse_deadline, parse_iso


class Facts:
    """A loaded plan as the rules read it: its blocks walked and its unit names resolved once."""

    def __init__(self, src: Source) -> None:
        self.src = src
        self.path = src.path
        self.data: dict[str, Any] = src.data
        self.units: list[dict[str, Any]] = self.data.get("units") or []
        self.table = alias_table(self.units)
        self.blocks: list[tuple[Path_, dict[str, Any], int]] = []  # every section and action, level 1 = top
        _walk(self.data.get("body") or [], ("body",), 1, self.blocks)
        self.actions = [(at, item) for at, item, _ in self.blocks if "action" in item]
        # actions, and sections that name units for their actions
        self.attributed = [(at, item) for at, item, _ in self.blocks if "action" in item or "lead" in item or "responsible" in item]
        self.names: set[str] = set()  # every unit name that refs() yields
        for _, item in self.attributed:
            self.names.update(item.get("lead") or (), item.get("responsible") or ())
        for u in self.units:
            self.names.update(u.get("members") or ())

    def pos(self, path: Path_, key: bool = False) -> tuple[int, int]:
        return self.src.pos(path, key)

    def refs(self) -> Iterator[tuple[Path_, str, int, str]]:
        """Every unit reference that must resolve: (path of the action, section or unit, role, index, name)."""
        for at, item in self.attributed:
            for role in ("lead", "responsible"):
                for j, name in enumerate(item.get(role) or []):
                    yield at, role, j, name
        for i, u in enumerate(self.units):
            for j, name in enumerate(u.get("members") or []):
                yield ("units", i), "members", j, name


Rule = Callable[[Facts], Iterator[Problem]]
RULES: dict[str, Rule] = {}
MAX_LEVELS = 4


def rule(fn: Rule) -> Rule:
    RULES[fn.__name__] = fn
    return fn


def _walk(items: list[Any], at: Path_, level: int, out: list[tuple[Path_, dict[str, Any], int]]) -> None:
    for i, item in enumerate(items):
        if isinstance(item, dict):
            out.append((at + (i,), item, level))
            if "section" in item:
                _walk(item.get("body") or [], at + (i, "body"), level + 1, out)


@rule
def unknown_unit(src: Facts) -> Iterator[Problem]:
    """A lead, responsible or member unit that is not in the registry (with "did you mean")."""
    table = src.table
    if src.names <= table.keys():
        return
    suggestions: dict[str, str] = {}  # one fuzzy search per unknown name, not per mention
    for at, role, j, name in src.refs():
        if name not in table:
            if name not in suggestions:
                close = difflib.get_close_matches(name, list(table), n=1, cutoff=0.5)
                suggestions[name] = table[close[0]] if close else ""
            yield problem(src.path, src.pos(at + (role, j)), "unknown-unit", name=name, suggestion=suggestions[name])


@rule
def duplicate_ids(src: Facts) -> Iterator[Problem]:
    """Two units with one id or name, an alias naming two units, two actions with one id."""
    seen: dict[str, Path_] = {}
    for i, u in enumerate(src.units):
        for at, name in [(("units", i, "id"), u["id"])] + [
            (("units", i, "aliases", j), a) for j, a in enumerate(u.get("aliases") or [])
        ]:
            if name in seen:
                yield problem(src.path, src.pos(at), "duplicate-unit", name=name, first_line=src.pos(seen[name])[0])
            else:
                seen[name] = at
    ids: dict[str, Path_] = {}
    for at, item in src.actions:
        if "id" in item:
            if item["id"] in ids:
                first = src.pos(ids[item["id"]] + ("id",))
                yield problem(src.path, src.pos(at + ("id",)), "duplicate-action", id=item["id"], first_line=first[0])
            else:
                ids[item["id"]] = at


@rule
def lead_also_responsible(src: Facts) -> Iterator[Problem]:
    """A unit listed both as lead and as responsible on one action or section."""
    table = src.table
    for at, item in src.attributed:
        responsible = item.get("responsible")
        if not responsible:
            continue
        leads = {table.get(u, u) for u in item.get("lead") or []}
        for j, name in enumerate(responsible):
            if table.get(name, name) in leads:
                yield problem(src.path, src.pos(at + ("responsible", j)), "lead-and-responsible", name=name)


@rule
def group_members(src: Facts) -> Iterator[Problem]:
    """Only groups have members, and a group is not its own member."""
    for i, u in enumerate(src.units):
        if u.get("members") and u.get("kind", "unit") != "group":
            yield problem(src.path, src.pos(("units", i, "members"), key=True), "members-not-group", name=u["id"])
        if u["id"] in (u.get("members") or []):
            yield problem(src.path, src.pos(("units", i, "members")), "member-of-itself", name=u["id"])


def _date_fields(src: Facts) -> Iterator[tuple[tuple[Any, ...], str, bool]]:
    d = src.data
    for key in ("date", "printed_on"):
        if key in (d.get("notice") or {}):
            yield ("notice", key), d["notice"][key], False
    for key in ("start", "end"):
        if key in (d.get("period") or {}):
            yield ("period", key), d["period"][key], key == "end"


@rule
def dates(src: Facts) -> Iterator[Problem]:
    """Dates that do not exist (2020-02-30) and a period that ends before it starts."""
    good: dict[str, Any] = {}
    for at, value, end in _date_fields(src):
        try:
            good[at[-1]] = parse_iso(str(value), end=end)
        except BadDate:
            yield problem(src.path, src.pos(at), "bad-date", value=str(value))
    if "start" in good and "end" in good and good["end"] < good["start"]:
        yield problem(src.path, src.pos(("period", "end")), "period-reversed", start=str(src.data["period"]["start"]), end=str(src.data["period"]["end"]))


def _deadlines(src: Facts) -> Iterator[tuple[tuple[Any, ...], Any]]:
    for j, m in enumerate(src.data.get("milestones") or []):
        yield ("milestones", j), m
    for at, item, _ in src.blocks:
        for j, dl in enumerate(item.get("deadlines") or []):
            yield at + ("deadlines", j), dl


@rule
def deadlines(src: Facts) -> Iterator[Problem]:
    """Deadlines that do not exist, cannot be read, or fall outside the plan period."""
    year = plan_year(src.data)
    period = src.data.get("period")
    try:
        start = parse_iso(str(period["start"])) if period else None
        end = parse_iso(str(period["end"]), end=True) if period else None
    except BadDate:
        start = end = None  # reported by `dates`
    if start and end and end < start:
        start = end = None  # reported by `dates`
    for at, dl in _deadlines(src):
        when = dl if isinstance(dl, str) else dl["when"]
        due: Due | None
        try:
            if isinstance(dl, dict) and "due" in dl:
                due = due_from_data(dl["due"], year)
            else:
                due = parse_deadline(when, year)
        except BadDate as exc:
            yield problem(src.path, src.pos(at), "bad-date", value=str(exc))
            continue
        if due is None:
            yield problem(src.path, src.pos(at), "unreadable-deadline", WARNING, when=when)
        elif due.kind == DATE and start and end and due.date and not start <= due.date <= end:
            yield problem(
                src.path, src.pos(at), "deadline-outside-period", when=when, date=due.date.isoformat(),
                start=start.isoformat(), end=end.isoformat(),
            )


@rule
def doc_number(src: Facts) -> Iterator[Problem]:
    """发文字号 whose year differs from the 成文日期."""
    notice = src.data.get("notice") or {}
    number, date = notice.get("number"), notice.get("date")
    if number and date and str(date)[:4] != str(number["year"]):
        yield problem(src.path, src.pos(("notice", "number", "year")), "number-year", WARNING, year=number["year"], date=str(date))


@rule
def title_lines(src: Facts) -> Iterator[Problem]:
    """Title lines that do not join up to the title."""
    for at, owner in ((("title_lines",), src.data), (("notice", "title_lines"), src.data.get("notice") or {})):
        lines = owner.get("title_lines")
        title = owner.get("title") or src.data["title"]
        if lines and "".join(lines) != title:
            yield problem(src.path, src.pos(at), "title-lines", title=title)


@rule
def nesting(src: Facts) -> Iterator[Problem]:
    """Sections nest at most four levels; `continue` names levels that exist."""
    for at, item, level in src.blocks:
        if level > MAX_LEVELS:
            yield problem(src.path, src.pos(at), "too-many-levels", limit=MAX_LEVELS)


@rule
def attribution_text(src: Facts) -> Iterator[Problem]:
    """An exact attribution wording that leaves out one of the units it belongs to."""
    for at, item in src.attributed:
        text = item.get("attribution_text")
        if text:
            for name in list(item.get("lead") or []) + list(item.get("responsible") or []):
                if name not in text:
                    yield problem(src.path, src.pos(at + ("attribution_text",)), "attribution-text-missing", WARNING, name=name)


@rule
def usage(src: Facts) -> Iterator[Problem]:
    """Registry units never used, and 主送 units that have no task (warnings)."""
    table = src.table
    used = {table.get(name, name) for name in src.names}
    tasked = set(used)
    members = {u["id"]: {table.get(m, m) for m in u.get("members") or []} for u in src.units}
    for gid, ms in members.items():
        if ms & tasked:
            tasked.add(gid)
        if gid in tasked:
            tasked |= ms
    notice = src.data.get("notice") or {}
    for key in ("to", "cc"):
        for j, name in enumerate(notice.get(key) or []):
            if name in table:
                used.add(table[name])
                if key == "to" and table[name] not in tasked:
                    yield problem(src.path, src.pos(("notice", "to", j)), "recipient-without-task", WARNING, name=name)
    for i, u in enumerate(src.units):
        if u["id"] not in used:
            yield problem(src.path, src.pos(("units", i)), "unused-unit", WARNING, name=u["id"])

"""Model stage: typed, immutable objects built from a plan that passed validation.

Records are named tuples (a tenth of a dataclass's cost to define, which every run pays at start-up).

Renderers only ever see these objects. Labels are resolved here (numbering, continued sequences,
overrides) so that every output prints the same label for the same action.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Iterator, Mapping, NamedTuple, Union

from plancc.load import gc_paused
from plancc.numbering import LabelFormat
from plancc.registry import alias_table, plan_year
from plancc.timeline import Due, Quantity, due_from_data, parse_deadline, parse_iso, parse_quantities

TRANSMITTAL = "印发通知"
NOTICE = "通知"
PLAN_KINDS = ("方案", "实施方案", "工作要点")
KINDS = PLAN_KINDS + (NOTICE, TRANSMITTAL)
DEFAULT_NUMBERING = ("一、", "（一）", "1.", "（1）")
LINES = "分行"  # the attribution style that prints units (and deadlines) on lines of their own


class Unit(NamedTuple):
    id: str
    name: str = ""
    aliases: tuple[str, ...] = ()
    kind: str = "unit"
    members: tuple[str, ...] = ()

    @property
    def full_name(self) -> str:
        return self.name or self.id


class Deadline(NamedTuple):
    when: str
    due: Due | None
    what: str = ""


class Target(NamedTuple):
    text: str
    quantities: tuple[Quantity, ...]
    bound: str = "exact"
    what: str = ""


class Action(NamedTuple):
    key: str  # stable id: the plan's `id` or a1, a2 … in document order
    label: str  # printed label, e.g. 一是 / 1. / （三）
    title: str
    text: str
    lead: tuple[str, ...]  # unit ids
    responsible: tuple[str, ...]
    etc: bool = False
    attribution: str = ""  # style name
    attribution_text: str | None = None
    deadlines: tuple[Deadline, ...] = ()
    targets: tuple[Target, ...] = ()
    level: int = 1
    inline: bool = False  # label runs into the text (一是)
    section_path: tuple[str, ...] = ()  # labelled headings of enclosing sections
    line: int = 0
    inherited: bool = False  # its units are its section's, printed after the section's heading

    @property
    def units(self) -> tuple[str, ...]:
        return self.lead + tuple(u for u in self.responsible if u not in self.lead)


class Section(NamedTuple):
    label: str
    heading: str
    level: int
    text: str = ""
    inline: bool = False
    body: tuple["Block", ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    targets: tuple[Target, ...] = ()
    # units of the whole section (（一）发展特色产业（牵头单位：…）): its actions without units of
    # their own take them
    lead: tuple[str, ...] = ()
    responsible: tuple[str, ...] = ()
    etc: bool = False
    attribution: str = ""
    attribution_text: str | None = None

    def actions(self) -> Iterator[Action]:
        yield from _actions(self.body)


Block = Union[str, Section, Action]


def _actions(blocks: tuple[Block, ...]) -> Iterator[Action]:
    for b in blocks:
        if isinstance(b, Action):
            yield b
        elif isinstance(b, Section):
            yield from b.actions()


class DocNumber(NamedTuple):
    code: str
    year: int
    seq: int

    def __str__(self) -> str:
        return f"{self.code}〔{self.year}〕{self.seq}号"


class Notice(NamedTuple):
    title: str
    title_lines: tuple[str, ...] = ()
    mark: tuple[str, ...] = ()  # one line, or (联合行文) one organ a line, the lead organ first
    mark_suffix: str = ""  # 文件, printed to the right of a joint mark's organs
    issuer: str = ""
    number: DocNumber | None = None
    signer: str = ""
    copy_no: str = ""
    secrecy: str = ""
    secrecy_term: str = ""
    urgency: str = ""
    to: tuple[str, ...] = ()
    body: tuple[str, ...] | None = None
    attachments: tuple[str, ...] = ()
    signature: tuple[str, ...] = ()  # one organ, or (联合行文) the lead organ first
    date: date | None = None
    sealed: bool = False
    note: str = ""
    cc: tuple[str, ...] = ()
    printed_by: str = ""
    printed_on: date | None = None


class Style(NamedTuple):
    numbering: tuple[str, ...] = DEFAULT_NUMBERING
    continue_levels: tuple[int, ...] = ()
    attribution: str = "牵头单位"
    lead_label: str = "牵头单位"
    responsible_label: str = "责任单位"
    separator: str = "、"  # between 主送/抄送 organs


class Period(NamedTuple):
    start: date
    end: date
    text: str = ""


@dataclass(frozen=True)
class Plan:
    id: str
    kind: str
    title: str
    title_lines: tuple[str, ...]
    notice: Notice | None
    period: Period | None
    milestones: tuple[Deadline, ...]
    units: dict[str, Unit]
    style: Style
    preamble: tuple[str, ...]
    body: tuple[Block, ...]
    source: str = ""
    year: int | None = None
    aliases: dict[str, str] = field(default_factory=dict)  # any name -> unit id

    def actions(self) -> Iterator[Action]:
        yield from _actions(self.body)

    def unit(self, name: str) -> Unit:
        return self.units[self.aliases.get(name, name)]

    def groups_of(self, unit_id: str) -> tuple[str, ...]:
        """Ids of the group units that list `unit_id` as a member."""
        return tuple(u.id for u in self.units.values() if unit_id in u.members)


# --- building ----------------------------------------------------------------


def deadline(value: object, year: int | None) -> Deadline:
    if isinstance(value, str):
        return Deadline(value, parse_deadline(value, year))
    assert isinstance(value, dict)
    due = due_from_data(value["due"], year) if "due" in value else parse_deadline(value["when"], year)
    return Deadline(value["when"], due, value.get("what", ""))


def _lines(value: str | list[str] | None) -> tuple[str, ...]:
    """A text given as one line or as a list of lines."""
    return (value,) if isinstance(value, str) else tuple(value or ())


def target(value: object) -> Target:
    text, what = (value, "") if isinstance(value, str) else (value["text"], value.get("what", ""))
    qs, bound = parse_quantities(text)
    return Target(text, qs, bound, what)


class _Builder:
    def __init__(self, style: Style, year: int | None, aliases: dict[str, str], lines: Mapping[tuple, tuple[int, int]]) -> None:
        self.style, self.year, self.aliases, self.lines = style, year, aliases, lines
        self.formats = [LabelFormat.parse(f) or LabelFormat("", False, ".") for f in style.numbering]
        self.counters: dict[int, int] = {}  # continued levels only
        self.count = 0

    def fmt(self, level: int, override: str | None) -> LabelFormat:
        if override:
            return LabelFormat.parse(override) or self.formats[-1]
        return self.formats[min(level, len(self.formats)) - 1]

    def blocks(self, items: list, level: int, path: tuple[str, ...], fmt_override: str | None, at: tuple,
               outer: tuple[int, ...] = (), owner: dict | None = None) -> tuple[Block, ...]:
        """The blocks of a body at `level`; `outer`: the numbers of the sections it is in (for 1.1);
        `owner`: the data of the nearest enclosing section that names units."""
        out: list[Block] = []
        fmt = self.fmt(level, fmt_override)
        inline = fmt.inline
        n = self.counters.get(level, 0) if level in self.style.continue_levels and not fmt_override else 0
        for i, item in enumerate(items or []):
            if isinstance(item, str):
                out.append(item)
                continue
            if item.get("label") == "":
                label = ""  # a task printed as a paragraph, without a number: not counted
            elif item.get("label"):
                label = item["label"]
                n = fmt.number_of(label) or n + 1
            else:
                n += 1
                label = fmt.label(n, outer)
            if "section" in item:
                heading = item["section"]
                child_path = path + (f"{label}{heading}",)
                named = bool(item.get("lead") or item.get("responsible"))
                out.append(
                    Section(
                        label=label,
                        heading=heading,
                        level=level,
                        text=item.get("text", ""),
                        inline=inline,
                        body=self.blocks(item.get("body") or [], level + 1, child_path, item.get("numbering"), at + (i, "body"),
                                         outer + (n,), item if named else owner),
                        deadlines=self.deadlines(item.get("deadlines")),
                        targets=self.targets(item.get("targets")),
                        **self.attributed(item),
                    )
                )
            else:
                self.count += 1
                inherited = owner is not None and not (item.get("lead") or item.get("responsible") or item.get("attribution_text"))
                out.append(
                    Action(
                        key=str(item.get("id") or f"a{self.count}"),
                        label=label,
                        title=item.get("action") or "",
                        text=item.get("text", ""),
                        deadlines=self.deadlines(item.get("deadlines")),
                        targets=self.targets(item.get("targets")),
                        level=level,
                        inline=inline,
                        section_path=path,
                        line=self.lines.get(at + (i,), (0, 0))[0],
                        inherited=inherited,
                        **self.attributed(owner if inherited else item),
                    )
                )
        if level in self.style.continue_levels and not fmt_override:
            self.counters[level] = n
        return tuple(out)

    def attributed(self, item: dict) -> dict:
        """The units of a section or action and how its attribution is worded."""
        return dict(
            lead=self.units(item.get("lead")),
            responsible=self.units(item.get("responsible")),
            etc=bool(item.get("etc", False)),
            attribution=item.get("attribution") or self.style.attribution,
            attribution_text=item.get("attribution_text"),
        )

    def units(self, names: list[str] | None) -> tuple[str, ...]:
        return tuple([self.aliases.get(u, u) for u in names]) if names else ()

    def deadlines(self, values: list | None) -> tuple[Deadline, ...]:
        return tuple([deadline(d, self.year) for d in values]) if values else ()

    def targets(self, values: list | None) -> tuple[Target, ...]:
        return tuple([target(t) for t in values]) if values else ()


def _d(value: object, end: bool = False) -> date | None:
    return parse_iso(str(value), end=end) if value is not None else None


def build(data: dict, source: str = "", positions: Mapping[tuple, tuple[int, int]] | None = None) -> Plan:
    """Build the model from validated data; `positions` (from plancc.load) gives actions their line."""
    with gc_paused():
        return _build(data, source, positions if positions is not None else {})


def _build(data: dict, source: str, positions: Mapping[tuple, tuple[int, int]]) -> Plan:
    units_data = data.get("units") or []
    aliases = alias_table(units_data)
    s = data.get("style") or {}
    style = Style(
        numbering=tuple(s.get("numbering") or DEFAULT_NUMBERING),
        continue_levels=tuple(s.get("continue") or ()),
        attribution=s.get("attribution", "牵头单位"),
        lead_label=s.get("lead_label", "牵头单位"),
        responsible_label=s.get("responsible_label", "责任单位"),
        separator=s.get("separator", "、"),
    )
    year = plan_year(data)
    n = data.get("notice")
    notice = None
    if n is not None or data["kind"] in (NOTICE, TRANSMITTAL):
        n = n or {}
        num = n.get("number")
        secrecy = n.get("secrecy") or {}
        notice = Notice(
            title=n.get("title") or data["title"],
            title_lines=tuple(n.get("title_lines") or (() if n.get("title") else data.get("title_lines") or ())),
            mark=_lines(n.get("mark")),
            mark_suffix=n.get("mark_suffix", ""),
            issuer=n.get("issuer", ""),
            number=DocNumber(num["code"], int(num["year"]), int(num["seq"])) if num else None,
            signer=n.get("signer", ""),
            copy_no=str(n.get("copy_no", "")),
            secrecy=secrecy.get("level", ""),
            secrecy_term=secrecy.get("term", ""),
            urgency=n.get("urgency", ""),
            to=tuple(n.get("to") or ()),
            body=tuple(n["body"]) if n.get("body") else None,
            attachments=tuple(n.get("attachments") or ()),
            signature=_lines(n.get("signature")),
            date=_d(n.get("date")),
            sealed=bool(n.get("sealed", False)),
            note=n.get("note", ""),
            cc=tuple(n.get("cc") or ()),
            printed_by=n.get("printed_by", ""),
            printed_on=_d(n.get("printed_on")),
        )
    p = data.get("period")
    period = Period(_d(p["start"]), _d(p["end"], end=True), p.get("text", "")) if p else None  # type: ignore[arg-type]
    builder = _Builder(style, year, aliases, positions)
    body = builder.blocks(data.get("body") or [], 1, (), None, ("body",))
    return Plan(
        id=data["id"],
        kind=data["kind"],
        title=data["title"],
        title_lines=tuple(data.get("title_lines") or ()),
        notice=notice,
        period=period,
        milestones=tuple(deadline(m, year) for m in data.get("milestones") or []),
        units={
            u["id"]: Unit(
                u["id"], u.get("name", ""), tuple(u.get("aliases") or ()), u.get("kind", "unit"),
                tuple(aliases.get(m, m) for m in u.get("members") or ()),
            )
            for u in units_data
        },
        style=style,
        preamble=tuple(data.get("preamble") or ()),
        body=body,
        source=source,
        year=year,
        aliases=aliases,
    )

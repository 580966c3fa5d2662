"""Facts in a task's text: deadline wordings, recurring duties, quantitative targets and the period."""

from __future__ import annotations

import re
from dataclasses import dataclass

from plancc.timeline import MEASURES, RELATIVE, BadDate, Due, arabize, make_date, parse_deadline

_N = r"(?:\d{1,4}|[一二三四五六七八九十〇零两]{1,3})"
_BEFORE = r"(?:前|之前|以前|为止)"
DEADLINE = re.compile(
    "|".join(
        [
            rf"(?:\d{{4}}年)?{_N}月{_N}[日号]{_BEFORE}",
            rf"(?:\d{{4}}年)?{_N}月(?:底|末|中旬|上旬|下旬){_BEFORE}?",
            rf"(?:\d{{4}}年)?{_N}月份?{_BEFORE}",
            rf"\d{{4}}年(?:底|末){_BEFORE}?",
            r"上半年|下半年|年底前|年内|(?:第[一二三四]|[一二三四1-4])季度(?:末|底)?(?:前)?",
            rf"每(?:隔)?{_N}?个?(?:季度|星期|季|月|周|年|天)(?:(?:末|底|初){_BEFORE}?|的?{_N}[日号]{_BEFORE}?)?",
            rf"{_N}个?(?:工作)?(?:日|天|周|星期|月)内",
            r"长期坚持|常态化",
        ]
    )
)
# what a target counts: timeline's measures but the spans of time and the rarer 村/期/羽
MEASURE = "|".join(m for m in MEASURES.split("|") if m not in {"村", "期", "羽", "小时", "天", "周", "月", "年"})
TARGET = re.compile(
    rf"(?:不少于|不低于|至少|超过|达到)?(?:\d+(?:\.\d+)?(?:{MEASURE}))+(?:以上|以下|以内|左右)?"
)
PERIOD = re.compile(
    r"(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?\s*[—－\-~～至到]+\s*(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})日)?"
)
_CLAUSE_END = "，。；;,！？：:"
_FILLERS = re.compile(r"(?:要于|应于|须于|必须于|原则上于|于|在|要在|要|应|须|确保|力争|争取)$")
MAX_WHAT = 40


@dataclass(frozen=True)
class Found:
    text: str  # the wording as printed
    what: str = ""  # what it is about, from the clause around it
    after: str = ""  # for 30日内: the event it counts from


def _clause(text: str, start: int, end: int, stops: str = _CLAUSE_END) -> tuple[str, str]:
    """The clause around text[start:end]: the part before and the part after it."""
    left = start
    while left > 0 and text[left - 1] not in stops:
        left -= 1
    right = end
    while right < len(text) and text[right] not in stops:
        right += 1
    return text[left:start], text[end:right]


def _what(before: str, after: str) -> str:
    before = re.sub(r"^(?:确保|要|并|同时)", "", _FILLERS.sub("", before.strip()))
    what = (before + after).strip("，、 ")
    if len(what) > MAX_WHAT:
        what = after.strip("，、 ")
    return what if 2 <= len(what) <= MAX_WHAT else ""


def deadlines(text: str, year: int | None) -> list[Found]:
    """Deadline wordings in `text` that plancc can read (with the year of the plan)."""
    out: list[Found] = []
    seen: set[tuple[str, str]] = set()
    for m in DEADLINE.finditer(text):
        wording = m.group()
        if _inside_period(text, m.start(), m.end()):
            continue
        try:
            due = parse_deadline(wording, year)
        except BadDate:
            continue
        if due is None:
            continue
        before, after = _clause(text, m.start(), m.end())
        event = ""
        if due.kind == RELATIVE and before.endswith("后"):
            event = _FILLERS.sub("", re.sub(r"^(?:确保|要|须|应)", "", before[:-1].strip()))
        what = _what(before if not event else "", after)
        key = (wording, what)
        if key not in seen:
            seen.add(key)
            out.append(Found(wording, what, event))
    return out


def _inside_period(text: str, start: int, end: int) -> bool:
    return any(p.start() <= start and end <= p.end() for p in PERIOD.finditer(text))


def targets(text: str) -> list[Found]:
    """Quantities in `text`: 424户1375人, 140名, 1800亩以上, 不少于3次."""
    out: list[Found] = []
    for m in TARGET.finditer(text):
        if m.start() > 0 and text[m.start() - 1] in "第.．0123456789":
            continue
        if DEADLINE.match(text, m.start()):
            continue  # 3个月内完成: a deadline
        before, after = _clause(text, m.start(), m.end(), _CLAUSE_END + "、")
        what = _what(re.sub(r"^(?:对|在|将|把|完成|扎实做好|做好)", "", before.strip()), after)
        out.append(Found(m.group(), what))
    return out


def period(text: str) -> tuple[str, str, str] | None:
    """A plan period worded as 2020年2月—4月: (start, end, wording) in plancc's date form."""
    for m in PERIOD.finditer(arabize(text)):
        y1, m1, d1, y2, m2, d2 = m.groups()
        y2 = y2 or y1
        try:
            first = make_date(int(y1), int(m1), int(d1) if d1 else 1)
            last = make_date(int(y2), int(m2), int(d2) if d2 else None)
        except BadDate:
            continue
        if last < first:
            continue
        start = f"{y1}-{int(m1):02d}" + (f"-{int(d1):02d}" if d1 else "")
        end = f"{y2}-{int(m2):02d}" + (f"-{int(d2):02d}" if d2 else "")
        return start, end, m.group()
    return None


def due_of(found: Found, year: int | None) -> Due | None:
    try:
        return parse_deadline(found.text, year)
    except BadDate:
        return None

"""Deadline wordings and quantitative targets, read into machine form.

The wording is always kept for printing; the machine form is what sorting and checks use.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from plancc.numbering import from_chinese

DATE = "date"
RECURRING = "recurring"
RELATIVE = "relative"
ONGOING = "ongoing"
UNITS = {"日": "day", "天": "day", "周": "week", "星期": "week", "月": "month", "季度": "quarter", "季": "quarter", "年": "year"}
UNIT_WORDS = {"day": "日", "week": "周", "month": "月", "quarter": "季度", "year": "年"}


@dataclass(frozen=True)
class Due:
    """Machine form of a deadline."""

    kind: str
    date: date | None = None
    every: int = 0
    unit: str = ""
    day: int | None = None
    amount: int = 0
    after: str = ""

    def sort_key(self) -> tuple[int, str]:
        """Dated deadlines first by date, then relative, recurring and ongoing duties."""
        order = {DATE: 0, RELATIVE: 1, RECURRING: 2, ONGOING: 3}[self.kind]
        return order, self.date.isoformat() if self.date else ""

    def describe(self) -> str:
        """Short machine-form text, e.g. 2020-04-25, 每1月第18日, 30日内, 长期."""
        if self.kind == DATE and self.date:
            return self.date.isoformat()
        if self.kind == RECURRING:
            day = f"（{self.day}日前）" if self.day else ""
            return f"每{self.every}{UNIT_WORDS.get(self.unit, self.unit)}{day}"
        if self.kind == RELATIVE:
            after = f"{self.after}后" if self.after else ""
            return f"{after}{self.amount}{UNIT_WORDS.get(self.unit, self.unit)}内"
        return "长期"

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"kind": self.kind}
        if self.date:
            out["date"] = self.date.isoformat()
        if self.kind == RECURRING:
            out.update(every=self.every, unit=self.unit, day=self.day)
        if self.kind == RELATIVE:
            out.update(amount=self.amount, unit=self.unit, after=self.after)
        return out


class BadDate(ValueError):
    """A date that does not exist (2月30日) or cannot be read."""


_CN_NUM = r"[〇零一二三四五六七八九十两]"


def arabize(text: str) -> str:
    """二〇二〇年四月九日 -> 2020年4月9日; 三月底 -> 3月底 (only numerals before 年/月/日)."""

    def year(m: re.Match[str]) -> str:
        return "".join(str(from_chinese(c)) for c in m.group(1)) + "年"

    text = re.sub(rf"({_CN_NUM}{{4}})年", year, text)
    return re.sub(rf"({_CN_NUM}{{1,3}})(?=[月日号])", lambda m: str(from_chinese(m.group(1))), text)


def make_date(year: int, month: int, day: int | None = None) -> date:
    """A checked date; `day=None` means the month's last day."""
    if not 1 <= month <= 12:
        raise BadDate(f"{year}年{month}月")
    last = calendar.monthrange(year, month)[1]
    if day is None:
        day = last
    if not 1 <= day <= last:
        raise BadDate(f"{year}年{month}月{day}日")
    return date(year, month, day)


def parse_iso(text: str, end: bool = False) -> date:
    """2020-04-09 or 2020-04 (first day, or last day when `end`)."""
    m = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?", text.strip())
    if not m:
        raise BadDate(text)
    y, mo = int(m.group(1)), int(m.group(2))
    if m.group(3):
        return make_date(y, mo, int(m.group(3)))
    return make_date(y, mo, None if end else 1)


_SPANS = [
    (r"上半年", 6), (r"下半年", 12), (r"(?:第?一|1)季度", 3), (r"(?:第?二|2)季度", 6), (r"前三季度", 9),
    (r"(?:第?三|3)季度", 9), (r"(?:第?四|4)季度", 12), (r"年底|年末|年内|年度内|全年|年前", 12),
]
_ONGOING = re.compile(r"长期|持续推进|常态化|常年|经常性|随时")
_RECUR = re.compile(rf"每(?:隔)?({_CN_NUM}|\d+)?个?(季度|星期|季|月|周|年|日|天)(?:的?(\d{{1,2}})[日号])?")
_RELATIVE = re.compile(r"(\d+|[一二两三四五六七八九十]+)个?(?:工作)?(日|天|周|星期|月)内")
_FULL_DATE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号]")
_MONTH = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(底|末|份|中旬|上旬|下旬|前|内)?")
_YEAR = re.compile(r"(\d{4})年(?:底|末|内)?")


@lru_cache(maxsize=4096)  # plans repeat their wordings, and checking and modelling both read each
def parse_deadline(wording: str, year: int | None) -> Due | None:
    """Read a deadline wording; None when it says nothing plancc can read. Raises BadDate."""
    text = arabize(wording)
    if _ONGOING.search(text):
        return Due(ONGOING)
    m = _RECUR.search(text)
    if m:
        every = from_chinese(m.group(1)) if m.group(1) else 1
        return Due(RECURRING, every=every or 1, unit=UNITS[m.group(2)], day=int(m.group(3)) if m.group(3) else None)
    m = _RELATIVE.search(text)
    if m:
        return Due(RELATIVE, amount=from_chinese(m.group(1)) or 0, unit=UNITS[m.group(2)], after=text[: m.start()].strip("，,、 "))
    m = _FULL_DATE.search(text)
    if m and (m.group(1) or year):
        return Due(DATE, make_date(int(m.group(1) or year), int(m.group(2)), int(m.group(3))))
    m = _MONTH.search(text)
    if m and (m.group(1) or year):
        y, mo, part = int(m.group(1) or year), int(m.group(2)), m.group(3) or ""
        day = {"上旬": 10, "中旬": 20}.get(part)
        return Due(DATE, make_date(y, mo, day))
    for pattern, month in _SPANS:
        if re.search(pattern, text):
            y = int(m.group(1)) if (m := _YEAR.search(text)) else year
            return Due(DATE, make_date(y, month)) if y else None
    m = _YEAR.search(text)
    if m:
        return Due(DATE, make_date(int(m.group(1)), 12))
    return None


def due_from_data(value: object, year: int | None) -> Due:
    """The explicit `due:` of a deadline: a date, ongoing, {every, unit, day} or {days|amount, unit, after}."""
    if isinstance(value, str):
        if value in ("ongoing", "长期"):
            return Due(ONGOING)
        return Due(DATE, parse_iso(value, end=True))
    assert isinstance(value, dict)
    if "every" in value:
        return Due(RECURRING, every=int(value["every"]), unit=value.get("unit", "month"), day=value.get("day"))
    amount = int(value.get("days", value.get("amount", 0)))
    unit = "day" if "days" in value else value.get("unit", "day")
    return Due(RELATIVE, amount=amount, unit=unit, after=value.get("after", ""))


# --- targets ---------------------------------------------------------------

MEASURES = (
    "万元|亿元|元|万人|人次|万户|户|人|名|万亩|亩|公顷|个工作日|个百分点|个月|个|家|村|所|座|公里|千米|平方米|米|吨|项|次|%|％|条|台|套|间|场|期|批|处|支|篇|份|头|只|羽|株|棵|栋|辆|千瓦|小时|天|周|月|年"
)
_QTY = re.compile(rf"(\d+(?:\.\d+)?)\s*({MEASURES})")
_MIN = re.compile(r"以上|不少于|至少|不低于|(?<!不)超过|达到")
_MAX = re.compile(r"以下|不超过|以内|控制在|(?<!不)低于|不高于")


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str

    def __str__(self) -> str:
        v = int(self.value) if self.value == int(self.value) else self.value
        return f"{v}{self.unit}"


def parse_quantities(text: str) -> tuple[tuple[Quantity, ...], str]:
    """424户1375人 -> (424户, 1375人), exact; 1800亩以上 -> (1800亩,), min."""
    qs = tuple(Quantity(float(v), u) for v, u in _QTY.findall(text))
    bound = "min" if _MIN.search(text) else "max" if _MAX.search(text) else "exact"
    return qs, bound

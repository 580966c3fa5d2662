"""Word's automatic numbering: the labels Word draws before numbered paragraphs (一、 （一） 1. ①),
which are not part of their text.

A paragraph is numbered by its own w:numPr or by its style's; the list (w:num) points to a
definition (w:abstractNum) whose level gives the start, the number format and the label text
(%1、 （%2） %1.%2). Counters run per definition in document order, as Word counts them: a level
counts on, the levels below it start again, and a list that overrides the start begins anew.
"""

from __future__ import annotations

from typing import Any

from plancc.numbering import CIRCLED, to_chinese

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _val(el: Any, path: str, default: str | None = None) -> str | None:
    found = el.find(path) if el is not None else None
    return found.get(f"{W}val", default) if found is not None else default


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        count, n = divmod(n, value)
        out += letters * count
    return out


def format_number(n: int, fmt: str) -> str:
    """`n` in a w:numFmt: decimal 3, chineseCounting 三, decimalEnclosedCircle ③ …"""
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "japaneseCounting",
               "taiwaneseCounting", "taiwaneseCountingThousand", "ideographDigital"):
        return to_chinese(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= len(CIRCLED):
        return CIRCLED[n - 1]
    if fmt == "ideographTraditional" and 1 <= n <= len(_STEMS):
        return _STEMS[n - 1]
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(_FULL_WIDTH)
    if fmt in ("lowerLetter", "upperLetter") and n >= 1:
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman") and n >= 1:
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    if fmt == "decimalEnclosedParen":
        return f"（{n}）"
    return "" if fmt == "none" else str(n)


class AutoNumbers:
    """The labels of a document's numbered paragraphs, asked for in document order."""

    def __init__(self, numbering: Any | None, styles: Any | None) -> None:
        """`numbering`, `styles`: the root elements of word/numbering.xml and word/styles.xml, if any."""
        self.nums: dict[str, Any] = {}
        self.abstract: dict[str, Any] = {}
        self.styles: dict[str, Any] = {}
        if numbering is not None:
            self.nums = {n.get(f"{W}numId"): n for n in numbering.iterfind(f"{W}num")}
            self.abstract = {a.get(f"{W}abstractNumId"): a for a in numbering.iterfind(f"{W}abstractNum")}
        if styles is not None:
            self.styles = {s.get(f"{W}styleId"): s for s in styles.iterfind(f"{W}style")}
        self.counters: dict[str, dict[int, int]] = {}  # by definition: level -> current number
        self.restarted: set[str] = set()  # lists whose start override has been applied

    def label(self, p: Any) -> str:
        """The label Word draws before paragraph `p` (with a space where a tab or space follows it),
        or "" when it has none or its numbering cannot be read."""
        if not self.nums:
            return ""
        try:
            return self._label(p)
        except (ValueError, KeyError, TypeError, AttributeError):
            return ""

    def _num_pr(self, p: Any) -> tuple[str, int] | None:
        ppr = p.find(f"{W}pPr")
        num_id, ilvl = _val(ppr, f"{W}numPr/{W}numId"), _val(ppr, f"{W}numPr/{W}ilvl")
        style_id = _val(ppr, f"{W}pStyle")
        seen = set()
        while num_id is None and style_id in self.styles and style_id not in seen:  # the style's numbering
            seen.add(style_id)
            spr = self.styles[style_id].find(f"{W}pPr")
            num_id = _val(spr, f"{W}numPr/{W}numId")
            ilvl = ilvl or _val(spr, f"{W}numPr/{W}ilvl")
            style_id = _val(self.styles[style_id], f"{W}basedOn")
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return None
        return num_id, int(ilvl or 0)

    def _definition(self, num: Any) -> tuple[str, Any]:
        abstract_id = _val(num, f"{W}abstractNumId")
        abstract = self.abstract[abstract_id]
        link = _val(abstract, f"{W}numStyleLink")  # a list style: its own list holds the levels
        if link and link in self.styles:
            linked = _val(self.styles[link].find(f"{W}pPr"), f"{W}numPr/{W}numId")
            abstract_id = _val(self.nums[linked], f"{W}abstractNumId")
            abstract = self.abstract[abstract_id]
        return abstract_id, abstract  # type: ignore[return-value]

    def _label(self, p: Any) -> str:
        found = self._num_pr(p)
        if found is None:
            return ""
        num_id, level = found
        num = self.nums[num_id]
        key, abstract = self._definition(num)
        levels = {int(lvl.get(f"{W}ilvl")): lvl for lvl in abstract.iterfind(f"{W}lvl")}
        starts = {i: int(_val(lvl, f"{W}start", "1") or 1) for i, lvl in levels.items()}
        for override in num.iterfind(f"{W}lvlOverride"):
            i = int(override.get(f"{W}ilvl"))
            if (own := override.find(f"{W}lvl")) is not None:
                levels[i] = own
            if (start := _val(override, f"{W}startOverride")) is not None:
                starts[i] = int(start)
                if num_id not in self.restarted:  # this list begins anew
                    self.restarted.add(num_id)
                    self.counters.pop(key, None)
        lvl = levels.get(level)
        if lvl is None:
            return ""
        counts = self.counters.setdefault(key, {})
        counts[level] = counts[level] + 1 if level in counts else starts.get(level, 1)
        for deeper in [i for i in counts if i > level]:
            del counts[deeper]
        fmt = _val(lvl, f"{W}numFmt", "decimal") or "decimal"
        if fmt == "bullet":
            return ""
        legal = lvl.find(f"{W}isLgl") is not None
        text = _val(lvl, f"{W}lvlText", "") or ""
        for i in range(9):  # %1 … %9: the numbers of levels 0 … 8
            if f"%{i + 1}" in text:
                n = counts.get(i, starts.get(i, 1))
                own_fmt = fmt if i == level else _val(levels.get(i), f"{W}numFmt", "decimal") or "decimal"
                text = text.replace(f"%{i + 1}", format_number(n, "decimal" if legal else own_fmt))
        return text + ("" if _val(lvl, f"{W}suff", "tab") == "nothing" else " ") if text else ""

"""Numbering labels: 一、 （一） 一是 1. （1） ① 1.1 … and Chinese numerals both ways."""

from __future__ import annotations

import re
from dataclasses import dataclass

DIGITS = "零一二三四五六七八九"
_VALUES = {c: i for i, c in enumerate(DIGITS)} | {"〇": 0, "两": 2, "十": 10, "百": 100}


def to_chinese(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 105 -> 一百零五 (for 1..999)."""
    if n <= 0 or n >= 1000:
        return str(n)
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = ""
    if hundreds:
        out += DIGITS[hundreds] + "百"
        if rest and tens == 0:
            out += "零"
    if tens:
        out += ("" if tens == 1 and not hundreds else DIGITS[tens]) + "十"
    if ones:
        out += DIGITS[ones]
    return out


def from_chinese(text: str) -> int | None:
    """一 -> 1, 十二 -> 12, 二十 -> 20, 一百零五 -> 105; digits pass through; None if not a numeral."""
    if text.isdigit():
        return int(text)
    if not text or any(c not in _VALUES for c in text):
        return None
    total, current = 0, 0
    for ch in text:
        v = _VALUES[ch]
        if v >= 10:
            total += (current or 1) * v
            current = 0
        else:
            current = current * 10 + v if current and ch in "〇零" else v if not current else current * 10 + v
    return total + current


# ① … ㊿: the circled numbers Unicode has (beyond 50 a label falls back to （51）)
CIRCLED = "".join(map(chr, [*range(0x2460, 0x2474), *range(0x3251, 0x3260), *range(0x32B1, 0x32C0)]))
_DECIMAL = re.compile(r"1(?:[.．]1)+")


@dataclass(frozen=True)
class LabelFormat:
    """A label format such as 一、 （1） ① or 1.1: text around one numeral, which is Chinese, Arabic,
    circled, or (1.1, 1.1.1) the numbers of the enclosing headings and this one joined by dots."""

    prefix: str
    chinese: bool
    suffix: str
    circled: bool = False
    depth: int = 1  # numbers joined: 2 for 1.1, 3 for 1.1.1
    dot: str = "."  # what joins them: . or ．

    @classmethod
    def parse(cls, fmt: str) -> "LabelFormat | None":
        if (m := _DECIMAL.search(fmt)) is not None:
            return cls(fmt[: m.start()], False, fmt[m.end() :], depth=m.group().count("1"), dot=m.group()[1])
        m = re.search(r"[一1①]", fmt)
        if not m:
            return None
        return cls(fmt[: m.start()], m.group() == "一", fmt[m.end() :], circled=m.group() == "①")

    def label(self, n: int, outer: tuple[int, ...] = ()) -> str:
        """The label of the `n`th heading; `outer`: the numbers of the headings it is under."""
        if self.circled:
            return f"{self.prefix}{CIRCLED[n - 1]}{self.suffix}" if 1 <= n <= len(CIRCLED) else f"（{n}）"
        if self.depth > 1:
            numbers = (*outer[len(outer) - self.depth + 1 :], n) if outer else (n,)
            return f"{self.prefix}{self.dot.join(map(str, numbers))}{self.suffix}"
        return f"{self.prefix}{to_chinese(n) if self.chinese else n}{self.suffix}"

    @property
    def inline(self) -> bool:
        """一是 / 第一 style labels run into the text instead of standing alone as a heading."""
        return self.suffix.endswith("是") or (self.prefix == "第" and self.suffix[:1] in "，、,：:")

    def number_of(self, label: str) -> int | None:
        """Read the number back from a label printed in this format (for label overrides): the
        circled number, or the last of the numbers."""
        if self.circled and (found := [CIRCLED.index(c) + 1 for c in label if c in CIRCLED]):
            return found[0]
        m = re.findall(r"[0-9]+|[零〇一二三四五六七八九十百两]+", label)
        return from_chinese(m[-1]) if m else None

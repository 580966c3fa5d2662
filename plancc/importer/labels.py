"""Heading labels as documents print them: 一、 （一） 1. 1． 1、 （1） 一是 第一， 第一部分 ① 1.1 1.1.1

A label has a *kind* (which numbering sequence it belongs to: 一、 and 一． are one kind, as are 1. 1．
and 1、) and a *format* (the exact variant, written with the numeral 一 or 1 as LabelFormat expects).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from plancc.numbering import CIRCLED, from_chinese, to_chinese
from plancc.timeline import MEASURES

CN = "一二三四五六七八九十百零〇两"
MAX_NUMBER = 199

# kind, pattern (groups: before, numeral, after, rest), whether the numeral is Chinese
_PATTERNS: list[tuple[str, re.Pattern[str], bool]] = [
    ("paren-cn", re.compile(rf"^([（(])\s*([{CN}]{{1,3}})\s*([）)])\s*(.*)$"), True),
    ("paren-ar", re.compile(r"^([（(])\s*([0-9０-９]{1,3})\s*([）)])\s*(.*)$"), False),
    ("shi", re.compile(rf"^()([{CN}]{{1,3}})(是)\s*(.+)$"), True),
    ("di", re.compile(rf"^(第)([{CN}]{{1,3}})([，、,：:])\s*(.+)$"), True),
    ("part", re.compile(rf"^(第)([{CN}]{{1,3}})(部分|章)\s*(.+)$"), True),
    ("dun-cn", re.compile(rf"^()([{CN}]{{1,3}})\s*([、.．])\s*(.+)$"), True),
    ("dot-ar", re.compile(r"^()([0-9０-９]{1,3})\s*([.．、])(?![0-9０-９])\s*(.+)$"), False),
    ("close-ar", re.compile(r"^()([0-9０-９]{1,3})\s*([)）])\s*(.+)$"), False),
    ("circled", re.compile(rf"^()([{CIRCLED}])()\s*(.+)$"), False),
]
# 1.1 开展… 2.3.1 建立…: the numbers of the enclosing headings and this one; never 1.5万元 or 2.5%
_DECIMAL = re.compile(r"^([0-9]{1,3}(?:[.．][0-9]{1,3}){1,2})([.．、]?)(?![0-9０-９%％.．])\s*(.+)$")
_MEASURE = re.compile(rf"(?:{MEASURES}|[万亿千百倍级分秒日号前后以])")  # 3.5公顷 2.5倍 5.1前


@dataclass(frozen=True)
class Label:
    """A label read from the start of a line."""

    kind: str
    printed: str  # as printed, without spaces: 一、 （一） 41． 三
    number: int
    fmt: str  # format for plancc: 一、 （一） 1. 一是
    rest: str  # the text after the label
    irregular: bool = False  # printed differently from its kind (三 for 三是)


def _number(numeral: str) -> int | None:
    if numeral in CIRCLED:
        return CIRCLED.index(numeral) + 1
    if numeral[0] in CN:
        return from_chinese(numeral)
    try:
        return int("".join(str(unicodedata.digit(c)) for c in numeral))
    except (TypeError, ValueError):
        return None


def read_label(text: str) -> Label | None:
    """The label at the start of `text`, or None."""
    if (m := _DECIMAL.match(text)) and not _MEASURE.match(m.group(3)):
        numbers, after, rest = re.split("[.．]", m.group(1)), m.group(2), m.group(3)
        if 1 <= int(numbers[-1]) <= MAX_NUMBER:
            fmt = m.group(1)[len(numbers[0])].join("1" * len(numbers)) + after  # joined by . or ．
            return Label(f"decimal{len(numbers)}", m.group(1) + after, int(numbers[-1]), fmt, rest.strip())
    for kind, pattern, chinese in _PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        before, numeral, after, rest = m.groups()
        n = _number(numeral)
        if n is None or not 1 <= n <= MAX_NUMBER or not rest.strip():
            continue
        one = "①" if kind == "circled" else "一" if chinese else "1"
        space = "\u3000" if kind == "part" else ""  # 第一部分　总体要求
        return Label(kind, f"{before}{numeral}{after}", n, f"{before}{one}{after}{space}", rest.strip())
    return None


def read_missing_shi(text: str, expected: int) -> Label | None:
    """三切实抓好… where the document means 三是: the expected numeral without its 是."""
    numeral = to_chinese(expected)
    if not text.startswith(numeral):
        return None
    rest = text[len(numeral):]
    if not rest or rest[0] in CN + "是、，,.．：:）)" or not _is_cjk(rest[0]):
        return None
    return Label("shi", numeral, expected, "一是", rest.strip(), irregular=True)


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or ch in "“‘《（"


def starts_like_heading(text: str) -> bool:
    """Whether a line starts with a heading label (and so never continues the line before it)."""
    return read_label(text) is not None

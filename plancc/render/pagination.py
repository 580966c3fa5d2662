"""Where lines and pages break, estimated from the character grid.

Official text sits on a fixed grid (exact line heights, CJK characters one em wide plus the character
spacing), so line and page breaks can be predicted closely enough to decide where the 版记 goes and
whether a blank page is needed to put it on an even page. The rules follow what Word and LibreOffice
do with Chinese text: a closing punctuation mark that does not fit hangs in the margin, an opening mark
never ends a line, runs of Latin letters and digits do not break.
"""

from __future__ import annotations

import re
import string
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from plancc.render.ooxml import CHAR_SPACING, TEXT_HEIGHT, TEXT_WIDTH

# May not start a line. The first group hangs into the margin when it arrives at the end of a full
# line; the others take the character before them to the next line (as LibreOffice does).
HANG = set("，。、；：？！,.;:?!")
NO_START = HANG | set("）》〉」』】〕”’…·%‰)]}")
# May not end a line: moved to the next line with the character that follows.
NO_END = set("（《〈「『【〔“‘([{")
_WORD = frozenset(string.ascii_letters + string.digits)  # runs of these do not break


def _full(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F", "A") or ord(ch) > 0x2000


def char_width(ch: str, size_pt: float, spacing: int = CHAR_SPACING) -> int:
    """Advance of one character in twips: full width for CJK, half width for Latin and digits."""
    return int(round(size_pt * 20 * (1.0 if _full(ch) else 0.5))) + spacing


_LOW = re.compile("[\x00-\u2000][\x00-\u2000]*")  # runs that may be half width (a leading class scans fast)


def _halves(text: str) -> list[int]:
    """Positions of the half-width characters."""
    halves: list[int] = []
    for m in _LOW.finditer(text):
        if m.group().isascii():
            halves.extend(range(*m.span()))
        else:
            halves.extend(i for i in range(*m.span()) if not _full(text[i]))
    return halves


@lru_cache(maxsize=16)
def _advances(size_pt: float, spacing: int) -> tuple[int, int]:
    """The full and the half advance."""
    return char_width("\u3000", size_pt, spacing), char_width("a", size_pt, spacing)


def line_count(text: str, size_pt: float = 16, width: int = TEXT_WIDTH, first_line: int = 0, left: int = 0,
               right: int = 0, spacing: int = CHAR_SPACING) -> int:
    """How many lines `text` takes in a paragraph of the given indents (twips).

    There are two advances, so text[:k] is `k * full - less * halves(k)` wide, halves(k) counting the
    half-width characters before k (few in Chinese text). Each line is thus
    filled in one step, solving for the first character past `top` (the advance at which the line is
    full), and the kinsoku rules apply only at the break. Runs of Latin letters and digits are tokens
    that do not break. (Advances are taken to be non-negative: sizes from 0.5 pt.)"""
    if not text:
        return 1
    full, half = _advances(size_pt, spacing)
    less = full - half
    halves = _halves(text)
    last, rest = (halves[-1] if halves else -1), less * len(halves)
    n, lines, i = len(text), 1, 0  # i: where the next token starts
    avail = width - left - right + 5
    top, origin = avail - first_line, 0  # advances where the current line is full and where it started
    while True:
        if i >= last:  # only full-width characters ahead
            k = (top + rest) // full + 1
            if k <= i:
                k = i + 1
        else:  # the least k > i with text[:k] wider than top: a fixed point of k = (top + ...) // full + 1
            k = i + 1
            while k <= n and (j := (top + less * bisect_left(halves, k)) // full + 1) > k:
                k = j
        if k > n:
            return lines
        s = k - 1  # the token that does not fit: s up to k
        c = text[s]
        if c in _WORD:
            s, k = _token(text, s)
        elif c in HANG and s * full - less * bisect_left(halves, s) > origin:  # hangs in the margin
            i = k
            continue
        lines += 1
        if s > 0 and (c in NO_START or text[s - 1] in NO_END):
            s = _token(text, s - 1)[0]  # the token before comes along
            if s > 0 and text[s - 1] in NO_END:
                s -= 1
        origin = s * full - (rest if s > last else less * bisect_left(halves, s))
        top = origin + avail
        i = k


def _token(text: str, k: int) -> tuple[int, int]:
    """Start and end of the token holding text[k]: the character, or its run of Latin letters and digits."""
    s, e = k, k + 1
    if text[k] in _WORD:
        while s > 0 and text[s - 1] in _WORD:
            s -= 1
        while e < len(text) and text[e] in _WORD:
            e += 1
    return s, e


@dataclass
class Block:
    """One paragraph as the paginator sees it."""

    lines: int
    pitch: int  # twips per line
    extra: int = 0  # borders, space after (twips)
    keep_next: bool = False
    keep_lines: bool = False
    page_break_before: bool = False

    @property
    def height(self) -> int:
        return self.lines * self.pitch + self.extra


@dataclass
class Position:
    page: int  # 1-based
    used: int  # twips used on that page


def _glue(blocks: list[Block], i: int) -> int:
    """Height that must follow block i on its page: the chain of keep-with-next blocks after it, up
    to and including the first line of the block that ends the chain."""
    need, j = 0, i
    while blocks[j].keep_next and j + 1 < len(blocks):
        j += 1
        nxt = blocks[j]
        need += nxt.height if (nxt.keep_next or nxt.keep_lines) else nxt.pitch
    return need


def paginate(blocks: list[Block], height: int = TEXT_HEIGHT) -> Position:
    """Lay the blocks out on pages of `height` twips; return where the last one ends.

    Widow/orphan control is off (any line may start a page); a keep-together block moves whole to the
    next page when it does not fit, and keep-with-next keeps a block's last line on the page of the
    chain that follows it.
    """
    page, used = 1, 0
    for i, b in enumerate(blocks):
        if b.page_break_before and i > 0:
            page, used = page + 1, 0
        whole = b.keep_lines or b.lines == 1
        need = (b.height if whole else b.pitch) + (_glue(blocks, i) if whole else 0)
        if used > 0 and used + need > height:
            page, used = page + 1, 0
        remaining = b.height
        while used + remaining > height:
            fit = max((height - used) // b.pitch, 0)
            if fit == 0 and used == 0:  # taller than a page: let it run over
                break
            remaining -= fit * b.pitch
            page, used = page + 1, 0
        used += remaining
        if b.keep_next and not whole and used + _glue(blocks, i) > height and used > b.pitch:
            page, used = page + 1, b.pitch  # the last line goes with what follows
    return Position(page, used)

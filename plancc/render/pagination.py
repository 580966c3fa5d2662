"""Where lines and pages break, estimated from the character grid.

Official text sits on a fixed grid (exact line heights, CJK characters one em wide plus the character
spacing), so line and page breaks can be predicted closely enough to decide where the 版记 goes and
whether a blank page is needed to put it on an even page. The rules follow what Word and LibreOffice
do with Chinese text: a closing punctuation mark that does not fit hangs in the margin, an opening mark
never ends a line, runs of Latin letters and digits do not break.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from plancc.render.ooxml import CHAR_SPACING, TEXT_HEIGHT, TEXT_WIDTH

# May not start a line. The first group hangs into the margin when it arrives at the end of a full
# line; the others take the character before them to the next line (as LibreOffice does).
HANG = set("，。、；：？！,.;:?!")
NO_START = HANG | set("）》〉」』】〕”’…·%‰)]}")
# May not end a line: moved to the next line with the character that follows.
NO_END = set("（《〈「『【〔“‘([{")


def char_width(ch: str, size_pt: float, spacing: int = CHAR_SPACING) -> int:
    """Advance of one character in twips: full width for CJK, half width for Latin and digits."""
    full = unicodedata.east_asian_width(ch) in ("W", "F", "A") or ord(ch) > 0x2000
    return int(round(size_pt * 20 * (1.0 if full else 0.5))) + spacing


class _Widths(dict[str, int]):
    """Character advances at one size and spacing, computed once per character."""

    def __init__(self, size_pt: float, spacing: int) -> None:
        super().__init__()
        self.size_pt, self.spacing = size_pt, spacing

    def __missing__(self, ch: str) -> int:
        self[ch] = w = char_width(ch, self.size_pt, self.spacing)
        return w


@lru_cache(maxsize=16)
def _widths(size_pt: float, spacing: int) -> _Widths:
    return _Widths(size_pt, spacing)


def _tokens(text: str, widths: _Widths) -> tuple[list[str], list[int]]:
    """Characters with their advances; runs of Latin letters and digits stay together (they do not break)."""
    toks: list[str] = []
    adv: list[int] = []
    word = False
    for ch in text:
        w = widths[ch]
        if ch.isascii() and ch.isalnum():
            if word:
                toks[-1] += ch
                adv[-1] += w
                continue
            word = True
        else:
            word = False
        toks.append(ch)
        adv.append(w)
    return toks, adv


def line_count(text: str, size_pt: float = 16, width: int = TEXT_WIDTH, first_line: int = 0, left: int = 0,
               right: int = 0, spacing: int = CHAR_SPACING) -> int:
    """How many lines `text` takes in a paragraph of the given indents (twips)."""
    if not text:
        return 1
    lines, used = 1, 0
    avail = width - left - right - first_line
    toks, adv = _tokens(text, _widths(size_pt, spacing))
    for i, w in enumerate(adv):
        if used + w <= avail + 5:
            used += w
            continue
        tok = toks[i]
        if tok in HANG and used > 0:  # hangs in the margin
            used += w
            continue
        lines += 1
        avail = width - left - right
        used = w
        if i > 0 and (tok in NO_START or toks[i - 1] in NO_END):
            used += adv[i - 1]  # the character before comes along
            if i > 1 and toks[i - 2] in NO_END:
                used += adv[i - 2]
    return lines


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

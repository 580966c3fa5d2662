"""The fast measuring code (line breaks, cell lines, row heights, column widths) gives exactly what the
straightforward versions below give: they are the definition, kept here as the reference."""

from __future__ import annotations

import math
import unicodedata
from functools import lru_cache
from typing import Sequence

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plancc.render import docx_tables as dt
from plancc.render.measure import wide_count
from plancc.render.ooxml import CHAR_SPACING, TEXT_WIDTH
from plancc.render.pagination import HANG, NO_END, NO_START, char_width, line_count

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- the reference ------------------------------------------------------------------------------


def ref_line_count(text: str, size_pt: float = 16, width: int = TEXT_WIDTH, first_line: int = 0, left: int = 0,
                   right: int = 0, spacing: int = CHAR_SPACING) -> int:
    toks: list[str] = []
    adv: list[int] = []
    word = False
    for ch in text:  # runs of Latin letters and digits are one token
        w = char_width(ch, size_pt, spacing)
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
    if not text:
        return 1
    lines, used, avail = 1, 0, width - left - right - first_line
    for i, w in enumerate(adv):
        if used + w <= avail + 5:
            used += w
            continue
        if toks[i] in HANG and used > 0:
            used += w
            continue
        lines, avail, used = lines + 1, width - left - right, w
        if i > 0 and (toks[i] in NO_START or toks[i - 1] in NO_END):
            used += adv[i - 1]
            if i > 1 and toks[i - 2] in NO_END:
                used += adv[i - 2]
    return lines


def ref_text_lines(text: str, width: int, size: float, margin: int = dt.CELL_MARGIN) -> int:
    per_line = max(int((width - 2 * margin) // (size * 20)), 1)
    em = lambda part: wide_count(part) + (len(part) - wide_count(part)) / 2  # noqa: E731
    return sum(max(1, math.ceil(em(part) * 1.04 / per_line)) for part in text.split("\n"))


def ref_row_height(values: Sequence[dt.CellValue], widths: Sequence[int], look: dt.Look) -> int:
    lines = max((ref_text_lines(dt.plain(v), w, look.size, look.margin) for v, w in zip(values, widths)), default=1)
    return lines * look.line + 40


def ref_fit_widths(cols: Sequence[str], rows: list[list[dt.CellValue]], width: int,
                   chars: dict[str, tuple[int, int]]) -> list[int]:
    look = dt.LOOKS[0]
    sample = rows[:: max(1, math.ceil(len(rows) / dt.SAMPLE))]
    texts = [[dt.plain(r[i]) for r in sample] for i in range(len(cols))]
    n = {c: chars[c][0] for c in cols if c in chars}

    def widths(k: dict[str, int]) -> list[int]:
        fixed = {c: int(v * look.size * 20) + 2 * look.margin + 40 for c, v in k.items()}
        return [fixed.get(c, width - sum(fixed.values())) for c in cols]

    @lru_cache(maxsize=None)
    def lines(col: int, w: int) -> tuple[int, ...]:
        return tuple(ref_text_lines(t, w, look.size) for t in texts[col])

    def cost(k: dict[str, int]) -> float:
        vectors = [lines(i, w) for i, w in enumerate(widths(k))]
        return (sum(max(row) for row in zip(*vectors)) + sum(map(sum, vectors)) / 4) * look.line

    best = cost(n)
    while True:
        tries = [((cost(k) - best) / step, k) for c in n for step in (1, 2, 3)
                 if n[c] + step <= chars[c][1] for k in [n | {c: n[c] + step}]]
        gain, k = min(tries, key=lambda t: t[0], default=(0.0, n))
        if gain >= 0:
            return widths(n)
        n, best = k, cost(k)


# --- inputs --------------------------------------------------------------------------------------

CJK = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行"
PUNCT = "“”‘’《》（）〈〉「」【】〔〕、，。；：！？…—·%‰()[]{},.;:?!"
pieces = st.one_of(
    st.text(CJK, min_size=1, max_size=40),
    st.text(PUNCT, min_size=1, max_size=3),
    st.text("abcXYZ0189", min_size=1, max_size=12),
    st.sampled_from([" ", "\t", "\n", "é", "→", "ｱ", "\u00b7", "\U0001f600"]),
    st.characters(max_codepoint=0x3000),
)
texts = st.lists(pieces, max_size=40).map("".join)
values = st.one_of(texts, st.lists(st.tuples(texts, st.booleans()), max_size=3).map(tuple))


# --- the tests -----------------------------------------------------------------------------------


@SETTINGS
@given(texts, st.sampled_from([16, 14, 10.5, 22, 7.5, 42]), st.sampled_from([CHAR_SPACING, 0, 20]),
       st.integers(-200, 12000), st.integers(-2000, 3000), st.integers(-500, 3000), st.integers(-500, 3000))
def test_line_count_is_the_reference(text: str, size: float, spacing: int, width: int, first: int, left: int,
                                     right: int) -> None:
    args = dict(size_pt=size, width=width, first_line=first, left=left, right=right, spacing=spacing)
    assert line_count(text, **args) == ref_line_count(text, **args)  # type: ignore[arg-type]


@SETTINGS
@given(st.text(PUNCT[:24] + "字a1 ", max_size=12), st.integers(0, 1400), st.integers(-700, 700))
def test_line_count_is_the_reference_in_a_few_characters_a_line(text: str, width: int, first: int) -> None:
    assert line_count(text, width=width, first_line=first) == ref_line_count(text, width=width, first_line=first)


@SETTINGS
@given(values, st.integers(0, 10000), st.sampled_from(dt.LOOKS))
def test_cell_lines_and_row_heights_are_the_reference(value: dt.CellValue, width: int, look: dt.Look) -> None:
    text = dt.plain(value)
    assert dt.text_lines(text, width, look.size, look.margin) == ref_text_lines(text, width, look.size, look.margin)
    row, widths = [value, text, "", value], [width, 400, 900, 12000]
    assert dt.row_height(row, widths, look) == ref_row_height(row, widths, look)


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[str], list[list[dt.CellValue]], int, dict[str, tuple[int, int]]]:
    cols = draw(st.lists(st.sampled_from("abcdefg"), min_size=1, max_size=8))  # names may repeat
    chars = {c: (lo, lo + draw(st.integers(-1, 12))) for c in set(cols) if draw(st.integers(0, 5))
             for lo in [draw(st.integers(1, 8))]}
    rows = draw(st.lists(st.lists(values, min_size=len(cols), max_size=len(cols)), max_size=8))
    rows *= draw(st.sampled_from([1, 1, 20]))  # more rows than the sample
    return cols, rows, draw(st.sampled_from([12756, 8844, 3000])), chars


@settings(SETTINGS, max_examples=60)
@given(tables())
def test_fit_widths_is_the_reference(table: tuple[list[str], list[list[dt.CellValue]], int, dict[str, tuple[int, int]]]) -> None:
    assert dt.fit_widths(*table) == ref_fit_widths(*table)


@SETTINGS
@given(texts)
def test_wide_count_follows_the_unicode_database(text: str) -> None:
    assert wide_count(text) == sum(ord(c) > 0xFFFF or unicodedata.east_asian_width(c) in "WFA" for c in text)


def test_an_overfull_cell_takes_its_lines() -> None:
    cols, chars = ["n", "t"], {"n": (2, 4)}
    rows: list[list[dt.CellValue]] = [["字" * 3000, "short"], ["1", "字" * 500]]
    assert dt.fit_widths(cols, rows, 1000, chars) == ref_fit_widths(cols, rows, 1000, chars)

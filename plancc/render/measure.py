"""How wide text is: CJK and full-width characters take one em, the others half an em.

A character is wide when its East Asian width is W, F or A (ambiguous characters such as “ ” — … are
drawn wide in Chinese fonts). Counting them with one regular expression, built from the Unicode
database and kept in plancc's cache (building it asks the database 65,536 times), is some fifty
times faster than asking the database character by character.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from plancc.cache import cached


def _narrow_class() -> str:
    """A character class of every character of the Basic Multilingual Plane that is not wide."""
    ranges: list[str] = []
    start = None
    for cp in range(0x10001):
        narrow = cp < 0x10000 and unicodedata.east_asian_width(chr(cp)) not in "WFA"
        if narrow and start is None:
            start = cp
        elif not narrow and start is not None:
            ranges.append(f"\\u{start:04x}-\\u{cp - 1:04x}")
            start = None
    return f"[{''.join(ranges)}]"


@lru_cache(maxsize=1)
def _narrow() -> re.Pattern[str]:
    """Every character of the Basic Multilingual Plane that is not wide (beyond it: wide)."""
    return re.compile(cached("narrow", f"1 {unicodedata.unidata_version}", _narrow_class))


def wide_count(text: str) -> int:
    """How many characters of `text` are wide."""
    return 0 if text.isascii() else len(text) - len(_narrow().findall(text))

"""Shared pieces of the fuzz tests: the hypothesis settings, mutation strategies and problem checks.

Default: a few hundred examples per test, so the suite stays fast. PLANCC_FUZZ_EXAMPLES=10000 runs
the long campaign (builds: PLANCC_FUZZ_BUILD_EXAMPLES, else a fiftieth of that). In CI (CI set)
examples are derandomized, so a failure reproduces.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Iterable

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from plancc.messages import CATALOG
from plancc.problems import Problem

ROOT = Path(__file__).resolve().parents[2]
SEEDS_DIR = ROOT.parent / "shared" / "seeds"
PLAN_FILES = sorted((ROOT / "plans").glob("*.yaml")) + sorted((ROOT / "examples").glob("*.yaml"))
PLANS = [p.read_bytes() for p in PLAN_FILES]
EXAMPLES = int(os.environ.get("PLANCC_FUZZ_EXAMPLES", "250"))
# A build takes ~100x longer than a check: a fiftieth as many, unless set on their own.
BUILD_EXAMPLES = int(os.environ.get("PLANCC_FUZZ_BUILD_EXAMPLES", max(5, EXAMPLES // 50)))

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    print_blob=True,
)

# Characters that stress a YAML reader or a terminal: controls, BOM, separators, bidi, CJK, emoji.
ODD_CHARS = "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\xa0\u2028\u2029\u200b\u200e\u202e\ufeff\ufffd中文：，、（）《》“”\U0001f600\t\r"
KEYS = (
    "plancc", "id", "kind", "title", "title_lines", "notice", "period", "milestones", "units", "style", "preamble",
    "body", "section", "action", "text", "lead", "responsible", "deadlines", "targets", "when", "what", "due",
    "members", "aliases", "numbering", "label", "attribution", "attribution_text", "etc", "start", "end", "to",
    "number", "code", "year", "seq", "date", "secrecy", "level", "continue", "every", "unit", "day", "after",
)
VALUES = (
    "", "[]", "{}", "0", "-1", "007", "1.5", "99999999999999999999", "true", "no", "null", "~", '""', "''",
    "[a, b]", "{a: 1}", "- x", "&a x", "*a", "!!str x", "!!python/object/apply:os.system [ls]", "2020-13-45",
    "2020-02-30", "2020-04", "4月25日前", "每月18日前", "30日内", "长期坚持", "|", ">-", "#", "'", '"', "\\",
    "a: b: c", "?", "@x", "`x`", "%YAML 1.2", "---", "...", "[[[[[[[[]]]]]]]]", "镇农经站", "../../etc/passwd",
    "a/b\\c", "CON", "\u202eevil", "\x00", "\t",
)
# Problems that are about the whole file (it cannot be read at all) carry line 0.
WHOLE_FILE = {"file-not-found", "not-a-file", "file-unreadable", "no-plans", "output-unwritable"}
# … and so are the importer's verdicts on a whole document.
WHOLE_DOCUMENT = WHOLE_FILE | {
    "import-empty", "import-no-structure", "import-format", "import-binary", "import-encoding", "docx-broken", "file-too-large",
    "import-needs-office", "import-convert-failed",
}


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


@st.composite
def mutation(draw: Any, data: bytes) -> bytes:
    """One random edit of the kind people (and broken tools) make to a plan."""
    lines = _lines(data)
    i = draw(st.integers(0, max(len(lines) - 1, 0)))
    kind = draw(st.sampled_from(
        ("flip", "delete", "duplicate", "indent", "dedent", "rename", "value", "char", "swap", "truncate", "tab")
    ))
    if kind == "flip" and data:
        at = draw(st.integers(0, len(data) - 1))
        return data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]
    if kind == "delete":
        del lines[i : i + draw(st.integers(1, 3))]
    elif kind == "duplicate":
        lines.insert(i, lines[i] if lines else b"")
    elif kind == "indent":
        lines[i] = b" " * draw(st.integers(1, 4)) + lines[i]
    elif kind == "dedent":
        lines[i] = lines[i][draw(st.integers(1, 4)) :] if lines[i].startswith(b" ") else lines[i]
    elif kind == "tab":
        lines[i] = lines[i].replace(b"  ", b"\t", 1)
    elif kind == "rename":
        new = draw(st.sampled_from(KEYS) | st.text(min_size=1, max_size=8)).encode("utf-8", "surrogatepass")
        lines[i] = re.sub(rb"^(\s*(?:- )?)[^\s:#-][^:#]*:", lambda m: m.group(1) + new + b":", lines[i], count=1)
    elif kind == "value":
        new = draw(st.sampled_from(VALUES)).encode("utf-8")
        if b": " in lines[i]:
            head, _, _ = lines[i].partition(b": ")
            lines[i] = head + b": " + new
        else:
            lines[i] = re.sub(rb"^(\s*- ).*", lambda m: m.group(1) + new, lines[i]) if lines[i].lstrip().startswith(b"-") else lines[i] + new
    elif kind == "char":
        text = lines[i].decode("utf-8", "surrogateescape")
        at = draw(st.integers(0, len(text)))
        ch = draw(st.sampled_from(ODD_CHARS) | st.characters(blacklist_categories=("Cs",)))
        lines[i] = (text[:at] + ch + text[at:]).encode("utf-8", "surrogateescape")
    elif kind == "swap" and len(lines) > 1:
        j = draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "truncate" and data:
        return data[: draw(st.integers(0, len(data)))]
    return b"\n".join(lines)


@st.composite
def mutated(draw: Any, sources: Iterable[bytes] = PLANS, max_edits: int = 4) -> bytes:
    """A seed file with 1..max_edits mutations applied."""
    data = draw(st.sampled_from(list(sources)))
    for _ in range(draw(st.integers(1, max_edits))):
        data = draw(mutation(data))
    return data


YAML_ALPHABET = st.sampled_from(list(" \n\n\n  -:,[]{}&*!|>'\"#%@`?~.0123456789abcxyz中文") + list(ODD_CHARS))
yaml_text = st.text(YAML_ALPHABET, max_size=300) | st.text(max_size=200)


def line_count(raw: bytes | str) -> int:
    """Lines as an editor counts them: LF, CRLF and lone CR end a line."""
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    return text.count("\n") + text.count("\r") - text.count("\r\n") + 1


def assert_located(problems: list[Problem], path: str, text_lines: int | None = None, whole: set[str] = WHOLE_FILE) -> None:
    """Every problem names the file, a real position (or 0 for whole-file problems) and says something."""
    for p in problems:
        assert p.file == path, p
        if p.code in whole and p.line == 0:
            assert p.line == 0, p
        else:
            assert p.line >= 1 and p.column >= 1, p
            if text_lines is not None:
                assert p.line <= text_lines, (p, text_lines)
        assert p.code in CATALOG, p
        for lang in ("zh", "en"):
            assert p.message(lang).strip(), (p, lang)
            assert p.hint(lang).strip(), (p, lang)

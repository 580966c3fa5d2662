"""Fuzzing the loader: any bytes give data or located problems, never a traceback."""

from __future__ import annotations

import json
from typing import Any

from fuzzkit import FUZZ, assert_located, line_count, mutated, yaml_text
from hypothesis import given
from hypothesis import strategies as st

from plancc.load import Source, decode, load_text
from plancc.problems import PlanError


def load_bytes(raw: bytes, path: str = "fuzz.yaml") -> tuple[Source | None, list[Any]]:
    try:
        return load_text(decode(raw, path), path), []
    except PlanError as exc:
        return None, exc.problems


@FUZZ
@given(yaml_text)
def test_generated_yaml_text_loads_or_reports_located_problems(text: str) -> None:
    try:
        src = load_text(text, "fuzz.yaml")
    except PlanError as exc:
        assert exc.problems
        assert_located(exc.problems, "fuzz.yaml", line_count(text))
        return
    assert isinstance(src.data, (dict, list, str, int, bool, type(None)))


@FUZZ
@given(mutated())
def test_mutated_plans_load_or_report_located_problems(raw: bytes) -> None:
    src, problems = load_bytes(raw)
    if src is None:
        assert problems
        assert_located(problems, "fuzz.yaml", line_count(raw))


@FUZZ
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_raise(raw: bytes) -> None:
    src, problems = load_bytes(raw)
    assert src is not None or problems
    assert_located(problems, "fuzz.yaml", line_count(raw))


def _chars(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return "".join(k + _chars(v) for k, v in value.items())
    if isinstance(value, list):
        return "".join(_chars(v) for v in value)
    return ""


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(st.characters(blacklist_categories=("Cs",)), max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(st.characters(blacklist_categories=("Cs",)), max_size=8), children, max_size=4),
    max_leaves=30,
)


@FUZZ
@given(json_values)
def test_json_round_trips_through_the_strict_loader(value: Any) -> None:
    """JSON is YAML: the loader reads back exactly what was written, with a position for every value."""
    text = json.dumps(value, ensure_ascii=False, indent=1)
    try:
        src = load_text(text, "fuzz.yaml")
    except PlanError as exc:  # only reason allowed: characters YAML does not accept in a stream
        assert {p.code for p in exc.problems} <= {"bad-char", "yaml-syntax"}, exc.problems
        assert any(not (c.isprintable() or c in "\n\t\r") for c in _chars(value)), exc.problems
        return
    assert src.data == value

    def paths(v: Any, at: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        out = [at]
        if isinstance(v, dict):
            for k, child in v.items():
                out += paths(child, at + (k,))
        elif isinstance(v, list):
            for i, child in enumerate(v):
                out += paths(child, at + (i,))
        return out

    for at in paths(value, ()):
        assert at in src.positions
        line, column = src.positions[at]
        assert 1 <= line <= text.count("\n") + 1 and column >= 1

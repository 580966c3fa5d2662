"""Fuzzing the checker (load -> schema -> rules -> model) through plancc.api.check, as `plancc validate` runs it.

Also checks that the fast schema verdict (plancc.validate.fast) always agrees with jsonschema: the
fast path may only ever skip work, never a problem.
"""

from __future__ import annotations

import copy
import itertools
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from fuzzkit import FUZZ, PLANS, VALUES, assert_located, line_count, mutated
from hypothesis import given
from hypothesis import strategies as st

from plancc.api import check
from plancc.load import decode, load_text
from plancc.problems import PlanError
from plancc.validate import fast
from plancc.validate.schema import _validator

_DIR = Path(tempfile.mkdtemp(prefix="plancc-fuzz-"))
_names = itertools.count()


def check_bytes(raw: bytes) -> None:
    """Write `raw` to a file, check it, and hold the outcome to the promises of `plancc validate`."""
    path = _DIR / f"plan-{next(_names) % 8}.yaml"
    path.write_bytes(raw)
    result = check(path)  # must not raise
    assert_located(result.problems, str(path), line_count(raw))
    if result.ok():
        assert result.plan is not None
    else:
        assert result.plan is None


@FUZZ
@given(mutated())
def test_mutated_plans_are_checked_without_a_traceback(raw: bytes) -> None:
    check_bytes(raw)


def _data(raw: bytes) -> dict[str, Any]:
    return load_text(decode(raw, "seed.yaml"), "seed.yaml").data  # type: ignore[no-any-return]


SEED_DATA = [_data(raw) for raw in PLANS]
SCALARS = st.none() | st.booleans() | st.integers(-5, 3000) | st.sampled_from(VALUES) | st.text(max_size=12)
ANY_VALUE = st.recursive(SCALARS, lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=6), c, max_size=3), max_leaves=8)


def _paths(value: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [at]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, at + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, at + (i,))
    return out


@st.composite
def data_mutations(draw: Any) -> dict[str, Any]:
    """A seed plan's data with values replaced, keys removed or added, lists emptied: schema and rule errors."""
    data = copy.deepcopy(draw(st.sampled_from(SEED_DATA)))
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(data) if p]
        at = draw(st.sampled_from(paths))
        parent: Any = data
        for step in at[:-1]:
            parent = parent[step]
        kind = draw(st.sampled_from(("replace", "remove", "add", "copy")))
        if kind == "replace":
            parent[at[-1]] = draw(ANY_VALUE)
        elif kind == "remove":
            del parent[at[-1]]
        elif kind == "add" and isinstance(parent, dict):
            parent[draw(st.sampled_from(("x", "lead", "section", "action", "due", "members", "kind")))] = draw(ANY_VALUE)
        elif kind == "copy":  # a value from elsewhere in the plan: right type, wrong place
            source = draw(st.sampled_from(paths))
            value: Any = data
            for step in source:
                value = value[step]
            parent[at[-1]] = copy.deepcopy(value)
    return data


@FUZZ
@given(data_mutations())
def test_data_mutations_are_checked_without_a_traceback(data: dict[str, Any]) -> None:
    check_bytes(json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"))


def test_fast_schema_check_is_available() -> None:
    assert fast._validator() is not None, "fastjsonschema missing or its code generation failed"


def _agree(data: Any) -> None:
    if not isinstance(data, dict):
        return
    verdict = fast.is_valid(data)
    errors = list(_validator().iter_errors(data))
    assert verdict is not None
    assert verdict == (not errors), [e.message for e in errors][:3]


@FUZZ
@given(data_mutations())
def test_fast_schema_verdict_agrees_with_jsonschema_on_data(data: dict[str, Any]) -> None:
    _agree(data)


@FUZZ
@given(mutated())
def test_fast_schema_verdict_agrees_with_jsonschema_on_text(raw: bytes) -> None:
    try:
        data = load_text(decode(raw, "fuzz.yaml"), "fuzz.yaml").data
    except PlanError:
        return
    _agree(data)


@pytest.mark.parametrize("index", range(len(SEED_DATA)))
def test_seed_plans_are_valid_on_the_fast_path(index: int) -> None:
    assert fast.is_valid(SEED_DATA[index]) is True

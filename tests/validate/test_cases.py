"""Data-driven: every file in tests/data/invalid names the problems it must produce (# expect: code@line:col)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from plancc.api import check

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
INVALID = sorted((DATA / "invalid").glob("*.yaml"))
VALID = sorted((DATA / "valid").glob("*.yaml")) + sorted((ROOT / "plans").glob("*.yaml")) + sorted((ROOT / "examples").glob("*.yaml"))


def expected(path: Path) -> set[tuple[str, int, int]]:
    text = path.read_bytes().decode("utf-8", errors="replace")
    found = {(c, int(l), int(col)) for c, l, col in re.findall(r"# expect: ([\w-]+)@(\d+):(\d+)", text)}
    return found or {(path.stem, 1, 1)}


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_case_reports_expected_problems(path: Path) -> None:
    result = check(path)
    got = {(p.code, p.line, p.column) for p in result.problems}
    assert got == expected(path)
    for p in result.problems:
        assert p.message() and p.hint(), p.code
        assert p.message("en") != p.message(), p.code


def test_every_rule_and_error_kind_has_a_case() -> None:
    from plancc.validate.rules import RULES

    codes = {c for path in INVALID for c, _, _ in expected(path)}
    assert {"unknown-unit", "duplicate-unit", "lead-and-responsible", "deadline-outside-period", "period-reversed",
            "bad-date", "recipient-without-task", "unused-unit", "duplicate-key", "encoding-gbk"} <= codes
    assert len(RULES) >= 10


@pytest.mark.parametrize("path", VALID, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_valid_plans_have_no_problems(path: Path) -> None:
    result = check(path)
    assert [(p.code, p.line) for p in result.problems] == []
    assert result.plan is not None


@pytest.mark.parametrize("path", [p for p in VALID if p.parent.name in ("plans", "examples")], ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_plans_start_with_schema_modeline(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/plan.schema.json"

"""The README's annotated plan is a real plan, and its test command is the one CI runs."""

from __future__ import annotations

import re
from pathlib import Path

from plancc.api import check_source
from plancc.load import load_text

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_annotated_example_validates_clean() -> None:
    block = re.search(r"```yaml\n(# yaml-language-server.*?)```", README, re.S)
    assert block
    result = check_source(load_text(block.group(1), "README.md"))
    assert [(p.code, p.line) for p in result.problems] == []


def test_ci_runs_the_readme_test_command() -> None:
    command = "bash scripts/test.sh"
    assert f"```sh\n{command}\n```" in README
    ci = [l for l in (ROOT / ".ci" / "run").read_text().splitlines() if l.strip() and not l.startswith(("#", "set ", "cd "))]
    assert ci == [command]

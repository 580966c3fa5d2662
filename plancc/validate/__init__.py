"""Validate stage: the JSON Schema first, then the plan's own logic, every problem at once."""

from __future__ import annotations

from plancc.load import Source
from plancc.problems import Problem
from plancc.validate.rules import RULES
from plancc.validate.schema import schema_problems


def validate(src: Source) -> list[Problem]:
    """All problems of a loaded plan, sorted by position. Semantic rules run only on schema-valid data."""
    problems = schema_problems(src)
    if not problems:
        for rule in RULES.values():
            problems.extend(rule(src))
    return sorted(set(problems))

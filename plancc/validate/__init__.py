"""Validate stage: the JSON Schema first, then the plan's own logic, every problem at once."""

from __future__ import annotations

from plancc.load import Source, gc_paused
from plancc.problems import Problem
from plancc.validate.rules import RULES, Facts
from plancc.validate.schema import schema_problems


def validate(src: Source) -> list[Problem]:
    """All problems of a loaded plan, sorted by position. Semantic rules run only on schema-valid data."""
    problems = schema_problems(src)
    if not problems:
        with gc_paused():
            facts = Facts(src)
            for rule in RULES.values():
                problems.extend(rule(facts))
    return sorted(set(problems))

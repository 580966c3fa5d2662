"""Lookups over plain plan data shared by the validation rules and the model.

Kept apart from plancc.model so that `plancc validate` does not build (or import) the typed model.
"""

from __future__ import annotations

from typing import Any


def plan_year(data: dict[str, Any]) -> int | None:
    """The year that dates without one (4月25日前) belong to."""
    period, notice = data.get("period") or {}, data.get("notice") or {}
    for value in (period.get("start"), notice.get("date"), (notice.get("number") or {}).get("year")):
        if value is not None and str(value)[:4].isdigit():
            return int(str(value)[:4])
    return None


def alias_table(units: list[dict[str, Any]]) -> dict[str, str]:
    """Every name a plan may use for a unit (id or alias) -> the unit's id; ids win over aliases."""
    table: dict[str, str] = {}
    for u in units:
        for name in u.get("aliases") or []:
            table.setdefault(name, u["id"])
    for u in units:
        table[u["id"]] = u["id"]
    return table

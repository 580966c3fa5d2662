"""Locate the built-in templates and schema, in a wheel or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """Return the folder `templates` or `schemas` shipped with plancc."""
    packaged = _PKG / "data" / name
    if packaged.is_dir():
        return packaged
    return _PKG.parent / name


def schema_path() -> Path:
    return data_dir("schemas") / "plan.schema.json"

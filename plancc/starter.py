"""`plancc new`: a starter plan that validates, with the schema modeline for editors."""

from __future__ import annotations

from pathlib import Path

from plancc.resources import data_dir, schema_path


def starter_text() -> str:
    body = (data_dir("templates") / "starter.yaml").read_text(encoding="utf-8")
    return f"# yaml-language-server: $schema={schema_path().as_uri()}\n{body}"


def write_starter(path: Path) -> None:
    from plancc.write import write_atomic

    write_atomic(path, starter_text().encode("utf-8"))

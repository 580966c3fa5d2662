"""Wording templates: jinja2 in a sandbox, strict about undefined names, user folder layered first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from plancc.problems import PlanError, problem
from plancc.resources import data_dir


class Templates:
    """Look up `name` in the user's folder first, then in the built-in templates/."""

    def __init__(self, user_dir: Path | None = None) -> None:
        dirs = [str(user_dir)] if user_dir else []
        dirs.append(str(data_dir("templates")))
        self.env = ImmutableSandboxedEnvironment(
            loader=FileSystemLoader(dirs, encoding="utf-8"),
            undefined=StrictUndefined,
            autoescape=False,
            keep_trailing_newline=False,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def render(self, name: str, **context: Any) -> str:
        """Render a template to text with surrounding whitespace removed; PlanError on failure."""
        try:
            return self.env.get_template(name).render(**context).strip()
        except TemplateError as exc:
            where = getattr(exc, "filename", None) or name
            line = getattr(exc, "lineno", None) or 0
            raise PlanError([problem(where, (line, 1 if line else 0), "template-error", template=name, detail=str(exc))]) from None

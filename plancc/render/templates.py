"""Wording templates: jinja2 in a sandbox, strict about undefined names, user folder layered first.

Compiled templates are kept in plancc's cache folder (plancc.cache, which also removes old
entries), so a build does not compile them again; an unwritable cache only means compiling each time.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, Template, TemplateError
from jinja2.bccache import Bucket
from jinja2.sandbox import ImmutableSandboxedEnvironment

from plancc.cache import cache_dir, prune
from plancc.problems import PlanError, problem
from plancc.resources import data_dir


class _CompiledCache(FileSystemBytecodeCache):
    """Compiled templates named by all they are compiled from (`stamp`, the template's name, file and
    source): an edited template is never served stale, and messages name the right file. File system
    failures are ignored."""

    def __init__(self, directory: Path, stamp: str) -> None:
        super().__init__(str(directory), "%s.j2c")
        self.stamp = stamp

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        key = hashlib.sha1("\0".join((self.stamp, name, filename or "", source)).encode("utf-8")).hexdigest()
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        try:
            self.load_bytecode(bucket)
        except OSError:
            pass
        return bucket

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            Path(self.directory).mkdir(parents=True, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            return
        prune(Path(self.directory), ".j2c")


def _stamp(env: Environment) -> str:
    """What compiled code depends on besides the template: jinja2, the environment's class and settings."""
    settings = sorted((k, v) for k, v in vars(env).items() if v is None or isinstance(v, (str, bool, int)))
    return repr((jinja2.__version__, type(env).__qualname__, settings, sorted(env.extensions)))


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
        self.env.bytecode_cache = _CompiledCache(cache_dir() / "templates", _stamp(self.env))
        self._loaded: dict[str, Template] = {}

    def _template(self, name: str) -> Template:
        """The template, loaded once: a Templates serves one build, so files are not checked again."""
        tpl = self._loaded.get(name)
        if tpl is None:
            tpl = self._loaded[name] = self.env.get_template(name)
            tpl.globals = dict(tpl.globals)  # a ChainMap, which every render would copy slowly
        return tpl

    def render(self, name: str, **context: Any) -> str:
        """Render a template to text with surrounding whitespace removed; PlanError on failure."""
        try:
            return self._template(name).render(**context).strip()
        except TemplateError as exc:
            where = getattr(exc, "filename", None) or name
            line = getattr(exc, "lineno", None) or 0
            raise PlanError([problem(where, (line, 1 if line else 0), "template-error", template=name, detail=str(exc))]) from None

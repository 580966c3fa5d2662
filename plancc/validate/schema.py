"""Schema check: jsonschema errors mapped back to the YAML node that caused them.

A valid plan is recognised by the fast generated check (plancc.validate.fast) without importing
jsonschema; only an invalid one is run through jsonschema, which reports every error at once.
"""

from __future__ import annotations

import difflib
import json
import re
from functools import lru_cache
from typing import Any, Iterator

from plancc.load import Source
from plancc.problems import Problem, problem
from plancc.resources import schema_path
from plancc.validate.fast import is_valid


@lru_cache(maxsize=1)
def _validator() -> Any:
    import jsonschema

    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema)


def _leaves(errors: Any) -> Iterator[Any]:
    """Descend into anyOf/oneOf: report the branch that went deepest, not "is not valid under any"."""
    for e in errors:
        if e.validator in ("anyOf", "oneOf") and e.context:
            deepest = max(len(c.absolute_path) for c in e.context)
            best = [c for c in e.context if len(c.absolute_path) == deepest]
            if deepest > len(e.absolute_path) or len({type(c.instance) for c in best}) == 1 and not _type_mismatch(best):
                yield from _leaves(best[:1] if deepest == len(e.absolute_path) else best)
                continue
        yield e


def _type_mismatch(errors: list[Any]) -> bool:
    return all(c.validator == "type" for c in errors)


def _field(path: tuple[Any, ...]) -> str:
    return ".".join(str(p) if not isinstance(p, int) else f"[{p}]" for p in path).replace(".[", "[") or "(顶层)"


def _about(schema: dict[str, Any]) -> str:
    return schema.get("title", "") if isinstance(schema, dict) else ""


def _one(src: Source, e: Any) -> Iterator[Problem]:
    path = tuple(e.absolute_path)
    f = src.path
    field = _field(path)
    title = _about(e.schema)
    if e.validator == "required":
        m = re.match(r"'(.+?)' is a required property", e.message)
        key = m.group(1) if m else "?"
        if key == "action" and isinstance(e.instance, dict):
            yield problem(f, src.pos(path), "block-kind", field=field)
        else:
            yield problem(f, src.pos(path), "missing-key", field=field, key=key)
    elif e.validator == "additionalProperties":
        if "action" in e.schema.get("properties", {}) and not {"action", "section"} & set(e.instance):
            return  # reported once, as block-kind
        allowed = sorted(e.schema.get("properties", {}))
        for key in sorted(set(e.instance) - set(allowed)):
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            yield problem(
                f, src.pos(path + (key,), key=True), "unknown-key",
                field=field, key=key, suggestion=close[0] if close else "", allowed="、".join(allowed),
            )
    elif e.validator == "type":
        expected = e.validator_value if isinstance(e.validator_value, str) else "/".join(e.validator_value)
        yield problem(
            f, src.pos(path), "wrong-type", field=field, title=title, expected=expected, got=_kind(e.instance),
            help=e.schema.get("description", ""),
        )
    elif e.validator in ("enum", "const"):
        allowed = e.validator_value if e.validator == "enum" else [e.validator_value]
        close = difflib.get_close_matches(str(e.instance), [str(a) for a in allowed], n=1, cutoff=0.3)
        yield problem(
            f, src.pos(path), "bad-choice", field=field, title=title, value=str(e.instance),
            allowed="、".join(str(a) for a in allowed), suggestion=close[0] if close else "",
        )
    elif e.validator == "minLength" or (e.validator == "minItems" and not e.instance):
        yield problem(f, src.pos(path), "empty", field=field, title=title)
    else:
        yield problem(
            f, src.pos(path), "bad-value", field=field, title=title, value=_short(e.instance),
            help=e.schema.get("description", "") if isinstance(e.schema, dict) else "",
        )


def _kind(value: Any) -> str:
    return {bool: "boolean", int: "integer", float: "number", str: "string", list: "array", dict: "object"}.get(
        type(value), "null"
    )


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:39] + "…"


def schema_problems(src: Source) -> list[Problem]:
    """Every schema error of a loaded plan, each at the YAML node that caused it."""
    if not isinstance(src.data, dict):
        return [problem(src.path, src.pos(()), "not-a-plan", got=_kind(src.data))]
    if is_valid(src.data):
        return []
    out: list[Problem] = []
    for e in _leaves(_validator().iter_errors(src.data)):
        out.extend(_one(src, e))
    return out

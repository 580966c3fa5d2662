"""Reporters: problems -> text (for people), JSON (for tools) or GitHub annotations (for CI)."""

from __future__ import annotations

import json
from typing import Callable, Sequence, TextIO

from plancc.api import Checked

SEVERITY_WORDS = {"zh": {"error": "错误", "warning": "警告"}, "en": {"error": "error", "warning": "warning"}}


def _where(p: object) -> str:
    f, line, col = p.file, p.line, p.column  # type: ignore[attr-defined]
    return f"{f}:{line}:{col}" if line else f


def text(results: Sequence[Checked], out: TextIO, lang: str, color: bool) -> None:
    words = SEVERITY_WORDS["en" if lang == "en" else "zh"]
    styles = {"error": "\033[31m", "warning": "\033[33m"}
    errors = warnings = 0
    for r in results:
        for p in r.problems:
            sev = words[p.severity]
            if color:
                sev = f"{styles[p.severity]}{sev}\033[0m"
            out.write(f"{_where(p)}: {sev} [{p.code}] {p.message(lang)}\n")
            hint = p.hint(lang)
            if hint:
                out.write(f"    {'hint: ' if lang == 'en' else '提示：'}{hint}\n")
            errors += p.severity == "error"
            warnings += p.severity == "warning"
    files = len(results)
    if lang == "en":
        out.write(f"{files} file(s) checked: {errors} error(s), {warnings} warning(s)\n")
    else:
        out.write(f"检查了 {files} 个文件：{errors} 个错误，{warnings} 个警告\n")


def as_json(results: Sequence[Checked], out: TextIO, lang: str, color: bool) -> None:
    doc = [
        {"file": r.path, "valid": r.ok(), "problems": [p.to_dict(lang) for p in r.problems]} for r in results
    ]
    json.dump(doc, out, ensure_ascii=False, indent=2)
    out.write("\n")


def _escape(s: str, prop: bool = False) -> str:
    s = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return s.replace(":", "%3A").replace(",", "%2C") if prop else s


def github(results: Sequence[Checked], out: TextIO, lang: str, color: bool) -> None:
    for r in results:
        for p in r.problems:
            props = f"file={_escape(p.file, True)}"
            if p.line:
                props += f",line={p.line},col={p.column}"
            props += f",title={_escape(p.code, True)}"
            msg = p.message(lang)
            hint = p.hint(lang)
            out.write(f"::{p.severity} {props}::{_escape(msg + ('（' + hint + '）' if hint and lang != 'en' else (' (' + hint + ')' if hint else '')))}\n")


REPORTERS: dict[str, Callable[[Sequence[Checked], TextIO, str, bool], None]] = {
    "text": text,
    "json": as_json,
    "github": github,
}

"""Fuzzing the build: valid but hostile plans (odd text, odd unit names, many actions) never crash a renderer.

Each example is a seed plan changed in ways that keep it valid: strings replaced by long, markup-like,
template-like or exotic text; units renamed everywhere (path separators, reserved names, names that
collide once made safe for file names); actions repeated. build_plan must return outputs or located
problems, and write only inside its output folder. Builds are slow, so this runs fewer examples
than the other fuzz tests (fuzzkit.BUILD_EXAMPLES).
"""

from __future__ import annotations

import copy
import importlib.util
import itertools
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from fuzzkit import BUILD_EXAMPLES, FUZZ, ROOT, assert_located, line_count
from hypothesis import assume, given, settings
from hypothesis import strategies as st

if importlib.util.find_spec("plancc.render.notice") is None:
    pytest.skip("no renderer yet (plancc.render.notice)", allow_module_level=True)

from plancc.api import check  # noqa: E402
from plancc.build import RENDERERS, build_plan  # noqa: E402
from plancc.load import load_file  # noqa: E402

AVAILABLE = tuple(name for name, module in RENDERERS.items() if importlib.util.find_spec(module) is not None)
SEEDS = [load_file(p).data for p in sorted((ROOT / "examples").glob("*.yaml"))]
_DIR = Path(tempfile.mkdtemp(prefix="plancc-build-fuzz-"))
_names = itertools.count()

ODD_TEXT = st.sampled_from([
    "<w:p>&amp;</w:p>", "]]>", "{{ plan.title }}", "{% raw %}", "${x}", "%s%n", "&", "<", "\"'",
    "长" * 300, "字" * 5000, "🙂" * 40, "\u202e倒序", "e\u0301\u0301", "\u00a0", "  前后空格  ", "\t制表", "行\r\n换行",
    "Ａ１２３", "1.", "（一）", "一是", "=SUM(A1:A9)", "+1", "-1", "@x", "CON", "NUL.txt",
]) | st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40)
ODD_NAMES = st.sampled_from([
    "../../etc/passwd", "a/b", "a\\b", "a_b", "a:b", "C:\\x", "CON", "PRN.docx", ".", "..", "名/单", "[单位]",
    "单位*?", "x" * 300, "单位 ", " 单位", "单位.", "'单位'", "单位\t",
]) | st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30)


def _strings(value: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, str):
        return [at]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _strings(v, at + (k,))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _strings(v, at + (i,))]
    return []


def _rename(value: Any, old: str, new: str) -> Any:
    if isinstance(value, str):
        return new if value == old else value
    if isinstance(value, dict):
        return {k: _rename(v, old, new) for k, v in value.items()}
    if isinstance(value, list):
        return [_rename(v, old, new) for v in value]
    return value


@st.composite
def hostile_plans(draw: Any) -> dict[str, Any]:
    data = copy.deepcopy(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(("text", "text", "unit", "repeat")))
        if kind == "text":
            at = draw(st.sampled_from(_strings(data)))
            parent: Any = data
            for step in at[:-1]:
                parent = parent[step]
            parent[at[-1]] = draw(ODD_TEXT)
        elif kind == "unit" and data.get("units"):
            old = draw(st.sampled_from(data["units"]))["id"]
            data = _rename(data, old, draw(ODD_NAMES))
        elif kind == "repeat" and data.get("body"):
            i = draw(st.integers(0, len(data["body"]) - 1))
            data["body"][i:i] = [copy.deepcopy(data["body"][i]) for _ in range(draw(st.integers(1, 30)))]
    return data


@settings(FUZZ, max_examples=BUILD_EXAMPLES)
@given(hostile_plans())
def test_valid_hostile_plans_build_without_a_traceback(data: dict[str, Any]) -> None:
    n = next(_names)
    path = _DIR / f"plan-{n % 4}.yaml"
    raw = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
    path.write_bytes(raw)
    assume(check(path, model=False).ok())
    out = _DIR / f"out-{n % 4}" / "here"
    shutil.rmtree(out.parent, ignore_errors=True)
    result = build_plan(path, out, only=AVAILABLE)  # must not raise
    assert_located([p for p in result.problems if p.file == str(path)], str(path), line_count(raw))
    for p in result.problems:
        assert p.message() and p.hint(), p
    written = [p for p in out.parent.rglob("*") if p.is_file()]
    assert all(out in p.parents for p in written), written
    assert sorted(written) == sorted(result.files) or not result.ok

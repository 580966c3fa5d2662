"""Fuzzing the importer: mutated documents (the seeds and the test documents) give YAML or located problems,
never a traceback.

The importer turns unexpected exceptions into an `internal` problem; here that counts as a failure.
Whatever YAML it writes must load with the strict loader, and YAML it calls good must validate.
"""

from __future__ import annotations

import importlib.util
import itertools
import tempfile
from pathlib import Path

import pytest
from fuzzkit import FUZZ, SEEDS_DIR, WHOLE_DOCUMENT, assert_located, mutation
from hypothesis import given
from hypothesis import strategies as st

if importlib.util.find_spec("plancc.importer") is None:
    pytest.skip("no importer yet (plancc.importer)", allow_module_level=True)

from plancc.api import check_source  # noqa: E402
from plancc.importer import import_document  # noqa: E402
from plancc.load import load_text  # noqa: E402
from plancc.problems import PlanError  # noqa: E402

# the seed documents, and the test documents of every wording the importer reads
DOCUMENTS = Path(__file__).resolve().parents[1] / "data" / "import"
SEED_TEXTS = [p.read_bytes() for p in sorted(SEEDS_DIR.glob("*.txt")) + sorted(DOCUMENTS.glob("*.txt"))]
_DIR = Path(tempfile.mkdtemp(prefix="plancc-import-fuzz-"))
_names = itertools.count()

if not SEED_TEXTS:
    pytest.skip(f"no documents in {SEEDS_DIR} or {DOCUMENTS}", allow_module_level=True)


@st.composite
def mutated_documents(draw: st.DrawFn) -> tuple[bytes, str]:
    data = draw(st.sampled_from(SEED_TEXTS))
    if draw(st.booleans()):  # a shorter document keeps the run fast and reaches the edge cases sooner
        lines = data.split(b"\n")
        start = draw(st.integers(0, len(lines) - 1))
        data = b"\n".join(lines[start : start + draw(st.integers(1, 40))])
    for _ in range(draw(st.integers(0, 4))):
        data = draw(mutation(data))
    suffix = draw(st.sampled_from([".txt", ".txt", ".txt", ".docx", ".doc", ".TXT"]))
    return data, suffix


@FUZZ
@given(mutated_documents())
def test_mutated_documents_import_without_a_traceback(case: tuple[bytes, str]) -> None:
    data, suffix = case
    n = next(_names) % 4
    path = _DIR / f"doc-{n}{suffix}"
    path.write_bytes(data)
    result = import_document(path, _DIR / f"doc-{n}.yaml")  # must not raise
    assert "internal" not in {p.code for p in result.problems}, result.problems
    assert_located([p for p in result.problems if p.file == str(path)], str(path), whole=WHOLE_DOCUMENT)
    if result.yaml_text is None:
        assert result.problems
        return
    try:
        src = load_text(result.yaml_text, "imported.yaml")
    except PlanError as exc:
        raise AssertionError(f"the importer wrote YAML that does not load: {exc.problems}") from None
    if result.ok:
        checked = check_source(src, model=True)
        assert checked.ok(), checked.problems

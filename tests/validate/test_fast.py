"""The fast schema verdict: cached generated code, never a different answer from jsonschema."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from plancc.validate import fast

ROOT = Path(__file__).resolve().parents[2]
PLAN = ROOT / "plans" / "000-spring-offensive.yaml"
INVALID = ROOT / "tests" / "data" / "invalid" / "wrong-type.yaml"


def run(cache: Path | str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(cache), "PLANCC_CACHE_DIR": str(cache)}
    code = "import sys; from plancc.cli import main; sys.argv = ['plancc', *sys.argv[1:]]; main()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, cwd=ROOT)


def imported(cache: Path, path: Path) -> set[str]:
    code = (
        "import sys; from plancc.api import check; r = check(sys.argv[1], model=False); "
        "print(' '.join(m for m in ('jsonschema', 'plancc.model', 'docx', 'openpyxl', 'jinja2') if m in sys.modules))"
    )
    env = {"PATH": "/usr/bin:/bin", "PLANCC_CACHE_DIR": str(cache)}
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    return set(out.stdout.split())


def test_valid_plan_is_checked_without_jsonschema_or_the_model(tmp_path: Path) -> None:
    imported(tmp_path, PLAN)  # first run writes the cache
    assert list(tmp_path.glob("schema-*.bin"))
    assert imported(tmp_path, PLAN) == set()


def test_invalid_plan_still_gets_every_error_from_jsonschema(tmp_path: Path) -> None:
    assert imported(tmp_path, INVALID) == {"jsonschema"}
    result = run(tmp_path, "validate", str(INVALID))
    assert result.returncode == 1 and "[wrong-type]" in result.stdout


def test_a_broken_cache_file_is_replaced(tmp_path: Path) -> None:
    assert run(tmp_path, "validate", str(PLAN)).returncode == 0
    (cached,) = tmp_path.glob("schema-*.bin")
    cached.write_bytes(b"not marshal data")
    assert run(tmp_path, "validate", str(PLAN)).returncode == 0
    assert cached.read_bytes() != b"not marshal data"


def test_an_unwritable_cache_only_costs_time(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run(blocker / "cache", "validate", str(PLAN), str(INVALID))
    assert result.returncode == 1 and "[wrong-type]" in result.stdout and "Traceback" not in result.stderr


def test_the_generated_code_needs_no_fastjsonschema_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANCC_CACHE_DIR", str(tmp_path))
    source = fast._generate(fast.schema_path().read_text(encoding="utf-8"))
    assert "import fastjsonschema" not in source and "from fastjsonschema" not in source
    validate = fast._load(compile(source, "<test>", "exec"))
    with pytest.raises(fast.SchemaMismatch):
        validate({"plancc": True})

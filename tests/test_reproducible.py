"""Byte-identical outputs: two builds, in different time zones, locales, hash seeds and folders, give the
same bytes; every zip part has the fixed timestamp and the parts are in a fixed order."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "examples" / "full.yaml"


def _has_build_command() -> bool:
    proc = subprocess.run([sys.executable, "-m", "plancc", "build", "--help"], capture_output=True, cwd=ROOT)
    return proc.returncode == 0


def build(outdir: Path, cwd: Path, **env: str) -> dict[str, str]:
    """Build PLAN into `outdir` in a fresh process; return {relative path: sha256}."""
    full_env = dict(os.environ, **env)
    proc = subprocess.run(
        [sys.executable, "-m", "plancc", "build", str(PLAN), "-o", str(outdir)],
        capture_output=True, text=True, env=full_env, cwd=cwd, timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return {str(p.relative_to(outdir)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(outdir.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], dict[str, str]]:
    if not _has_build_command():
        pytest.skip("no `plancc build` command yet")
    a, b = tmp_path_factory.mktemp("a"), tmp_path_factory.mktemp("b")
    first = build(a / "out", a, TZ="UTC", LC_ALL="C.UTF-8", PYTHONHASHSEED="1")
    second = build(b / "其他" / "out", b, TZ="Asia/Shanghai", LC_ALL="C", PYTHONHASHSEED="2", SOURCE_DATE_EPOCH="1700000000")
    return a / "out", first, second


def test_two_builds_are_byte_identical(two_builds: tuple[Path, dict[str, str], dict[str, str]]) -> None:
    _, first, second = two_builds
    assert first, "the build wrote nothing"
    assert first == second


def test_zip_parts_have_fixed_times_and_order(two_builds: tuple[Path, dict[str, str], dict[str, str]]) -> None:
    out, first, _ = two_builds
    for name in first:
        if not name.endswith((".docx", ".xlsx")):
            continue
        with zipfile.ZipFile(out / name) as z:
            infos = z.infolist()
            assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}, name
            names = [i.filename for i in infos]
            assert names[0] == "[Content_Types].xml", name
            assert names[1:] == sorted(names[1:]), name

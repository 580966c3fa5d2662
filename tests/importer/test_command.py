"""`plancc import` as a user meets it: exit codes, the coverage report, no overwriting, no traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from plancc.cli import app

from .conftest import DATA, SEED_FILES

runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_import_writes_yaml_next_to_the_document_and_reports(tmp_path: Path) -> None:
    source = tmp_path / "plan.txt"
    shutil.copy(DATA / "roles.txt", source)
    code, out = run("import", str(source))
    assert code == 0, out
    assert (tmp_path / "plan.yaml").is_file()
    assert "识别行数：7/7" in out and "任务 3 项" in out and "已生成" in out
    code, out = run("validate", str(tmp_path / "plan.yaml"))
    assert code == 0, out


def test_import_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out.yaml"
    target.write_text("keep", encoding="utf-8")
    code, out = run("import", str(DATA / "roles.txt"), "-o", str(target))
    assert code == 2 and "--force" in out
    assert target.read_text(encoding="utf-8") == "keep"
    code, _ = run("import", str(DATA / "roles.txt"), "-o", str(target), "--force")
    assert code == 0 and target.read_text(encoding="utf-8").startswith("# yaml-language-server")


def test_document_it_cannot_understand_exits_1_and_writes_nothing(tmp_path: Path) -> None:
    for name, code_word in (("garbage.txt", "import-no-structure"), ("binary.txt", "import-binary")):
        target = tmp_path / f"{name}.yaml"
        code, out = run("import", str(DATA / name), "-o", str(target))
        assert code == 1 and code_word in out, out
        assert not target.exists()


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("import", str(tmp_path / "missing.txt"))[0] == 2
    assert run("import")[0] == 2


def test_english_report(tmp_path: Path) -> None:
    code, out = run("import", str(DATA / "halfwidth.txt"), "-o", str(tmp_path / "x.yaml"), "--lang", "en")
    assert code == 0 and "lines placed: 14/14" in out and "wrote" in out


def test_seed_imports_from_the_command_line(tmp_path: Path) -> None:
    for seed in SEED_FILES:
        code, out = run("import", str(seed), "-o", str(tmp_path / f"{seed.stem}.yaml"))
        assert code == 0, out

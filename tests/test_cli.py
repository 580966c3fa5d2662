"""The CLI as a user meets it: exit codes, output formats, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plancc.cli import app

ROOT = Path(__file__).resolve().parent.parent
INVALID = ROOT / "tests" / "data" / "invalid"
runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_validate_plans_and_examples_exit_zero() -> None:
    code, out = run("validate", str(ROOT / "plans"), str(ROOT / "examples"))
    assert code == 0, out
    assert "0 个错误" in out


def test_invalid_plan_exits_one_with_located_chinese_message() -> None:
    code, out = run("validate", str(INVALID / "unknown-unit.yaml"))
    assert code == 1
    assert "unknown-unit.yaml:22:23: 错误 [unknown-unit] 单位“镇农经占”不在单位名录（units）中" in out
    assert "你是不是想写“镇农经站”" in out


def test_english_messages() -> None:
    code, out = run("validate", "--lang", "en", str(INVALID / "unknown-unit.yaml"))
    assert code == 1 and "is not in the units registry" in out and "did you mean '镇农经站'" in out


def test_warnings_pass_unless_strict() -> None:
    path = str(INVALID / "unused-unit.yaml")
    assert run("validate", path)[0] == 0
    assert run("validate", "--strict", path)[0] == 1


def test_json_format_lists_every_problem() -> None:
    code, out = run("validate", "-f", "json", str(INVALID / "lead-and-responsible.yaml"))
    doc = json.loads(out)
    assert code == 1
    assert [(p["code"], p["line"], p["column"], p["severity"]) for p in doc[0]["problems"]] == [
        ("unused-unit", 12, 5, "warning"),
        ("lead-and-responsible", 22, 29, "error"),
    ]


def test_github_annotations() -> None:
    code, out = run("validate", "-f", "github", str(INVALID / "bad-date.yaml"))
    assert code == 1
    line = out.strip().splitlines()[0]
    assert line.startswith("::error file=") and ",line=23,col=21,title=bad-date::" in line


def test_directories_and_globs(tmp_path: Path) -> None:
    assert run("validate", str(ROOT / "plans" / "*.yaml"))[0] == 0
    code, out = run("validate", str(tmp_path / "nothing-*.yaml"))
    assert code == 2 and "没有找到方案文件" in out
    code, out = run("validate", str(tmp_path / "missing.yaml"))
    assert code == 2 and "找不到文件" in out


def test_usage_error_exits_two() -> None:
    assert run("validate")[0] == 2
    assert run("validate", "--format", "xml", "x.yaml")[0] == 2


def test_schema_command_prints_the_schema() -> None:
    code, out = run("schema")
    assert code == 0
    assert json.loads(out)["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert out == (ROOT / "schemas" / "plan.schema.json").read_text(encoding="utf-8")


def test_new_writes_a_starter_that_validates(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    assert run("new", str(target))[0] == 0
    assert target.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=file://")
    assert run("validate", "--strict", str(target))[0] == 0
    assert run("new", str(target))[0] == 2  # never overwrites silently
    assert run("new", "--force", str(target))[0] == 0


@pytest.mark.parametrize("case", ["binary-file.yaml", "encoding-gbk.yaml", "yaml-syntax.yaml"])
def test_console_script_never_shows_a_traceback(case: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "plancc", "validate", str(INVALID / case)], capture_output=True, text=True
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr


def test_shell_completion_completes_commands_and_options() -> None:
    def complete(words: str) -> str:
        env = dict(os.environ, _PLANCC_COMPLETE="complete_bash", COMP_WORDS=words, COMP_CWORD=str(len(words.split()) - 1))
        code = "from plancc.cli import main; main()"
        return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True).stdout

    assert complete("plancc val").split() == ["validate"]
    assert "--format" in complete("plancc validate --fo").split()

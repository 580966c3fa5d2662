"""`plancc build`: one line per written file, located errors, clear messages for unwritable folders and
missing LibreOffice, existing outputs left intact when a build fails, exit codes 0/1/2."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plancc.build import build_plan
from plancc.cli import app

ROOT = Path(__file__).resolve().parent.parent
INVALID = ROOT / "tests" / "data" / "invalid" / "unknown-unit.yaml"
PLAN = ROOT / "plans" / "001-jingxian-notice.yaml"
runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, [str(a) for a in args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_build_notice_prints_each_written_file(tmp_path: Path) -> None:
    code, out = run("build", PLAN, "-o", tmp_path, "--only", "notice")
    assert code == 0, out
    target = tmp_path / "jingxian-2020-2.docx"
    assert out.strip() == f"已生成 {target}"
    assert target.read_bytes()[:2] == b"PK"


def test_every_plan_in_plans_builds_in_parallel(tmp_path: Path) -> None:
    code, out = run("build", ROOT / "plans", "-o", tmp_path, "--only", "notice", "-j", "2")
    assert code == 0, out
    built = sorted(p.name for p in tmp_path.glob("*.docx"))
    assert len(built) == len(list((ROOT / "plans").glob("*.yaml"))) == out.count("已生成")


def test_building_twice_gives_identical_files(tmp_path: Path) -> None:
    first = build_plan(PLAN, tmp_path / "a", only=("notice",))
    second = build_plan(PLAN, tmp_path / "b", only=("notice",))
    assert first.ok and second.ok
    assert [f.read_bytes() for f in first.files] == [f.read_bytes() for f in second.files]


def test_invalid_plan_gives_a_located_error_and_writes_nothing(tmp_path: Path) -> None:
    code, out = run("build", INVALID, "-o", tmp_path / "out")
    assert code == 1
    assert f"{INVALID}:22:23: 错误 [unknown-unit]" in out
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_existing_output_is_left_intact_when_the_plan_turns_invalid(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN.read_text(encoding="utf-8"), encoding="utf-8")
    assert run("build", plan, "-o", tmp_path, "--only", "notice")[0] == 0
    target = tmp_path / "jingxian-2020-2.docx"
    before = target.read_bytes()
    plan.write_text(plan.read_text(encoding="utf-8").replace("responsible: [县卫健委", "responsible: [县卫建委"), encoding="utf-8")
    code, out = run("build", plan, "-o", tmp_path, "--only", "notice")
    assert code == 1 and "[unknown-unit]" in out and "县卫健委" in out
    assert target.read_bytes() == before


def test_unwritable_output_folder_is_a_clear_message(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    code, out = run("build", PLAN, "-o", blocker / "out", "--only", "notice")
    assert code == 1
    assert "[output-unwritable] 无法写入输出文件" in out
    assert "关闭正在打开该文件的程序" in out


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_output_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        code, out = run("build", PLAN, "-o", folder, "--only", "notice")
    finally:
        folder.chmod(0o755)
    assert code == 1 and "[output-unwritable]" in out


def test_output_busy_elsewhere_keeps_other_files(tmp_path: Path) -> None:
    (tmp_path / "jingxian-2020-2.docx").mkdir()  # stands in for a file another program holds open
    code, out = run("build", PLAN, "-o", tmp_path, "--only", "notice")
    assert code == 1 and "[output-unwritable]" in out
    assert (tmp_path / "jingxian-2020-2.docx").is_dir()
    assert not list(tmp_path.glob(".*.tmp"))


def test_pdf_without_libreoffice_keeps_the_docx_and_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANCC_SOFFICE", str(tmp_path / "no-soffice"))
    code, out = run("build", PLAN, "-o", tmp_path, "--only", "notice", "--pdf")
    assert code == 1
    assert "[libreoffice-missing] 未找到 LibreOffice" in out
    assert (tmp_path / "jingxian-2020-2.docx").exists()


def test_usage_errors_exit_two(tmp_path: Path) -> None:
    assert run("build", PLAN, "--only", "poster")[0] == 2
    assert run("build", PLAN, "--templates", tmp_path / "missing")[0] == 2


def test_user_templates_change_the_wording(tmp_path: Path) -> None:
    templates = tmp_path / "wording"
    templates.mkdir()
    (templates / "recipients.j2").write_text("{{ units | join('，') }}：", encoding="utf-8")
    code, out = run("build", PLAN, "-o", tmp_path, "--only", "notice", "--templates", templates)
    assert code == 0, out
    import docx

    text = [p.text for p in docx.Document(str(tmp_path / "jingxian-2020-2.docx")).paragraphs]
    assert "各乡镇，县直各单位：" in text


def test_missing_plan_file(tmp_path: Path) -> None:
    code, out = run("build", tmp_path / "nope.yaml", "-o", tmp_path)
    assert code == 2 and "[file-not-found]" in out  # as `plancc validate`: a usage error


@pytest.mark.render
@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
def test_build_with_pdf(tmp_path: Path) -> None:
    code, out = run("build", PLAN, "-o", tmp_path, "--only", "notice", "--pdf")
    assert code == 0, out
    assert f"已生成 {tmp_path / 'jingxian-2020-2.pdf'}" in out


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the worker processes in /proc")
def test_ctrl_c_stops_every_process_and_leaves_no_half_file(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    units = "".join(f'  - id: "单位{i}"\n' for i in range(40))
    action = '      - action: 任务\n        text: "{}"\n        lead: ["单位{}"]\n        responsible: ["单位{}", "单位{}"]\n'
    body = "".join(f"  - section: 第{s}部分\n    body:\n" + "".join(
        action.format("组织开展专项工作，细化措施，明确分工，确保按期完成。" * 6, a % 40, (a + 1) % 40, (a + 7) % 40)
        for a in range(s * 50, s * 50 + 50)) for s in range(60))
    plan = tmp_path / "big.yaml"
    plan.write_text(f"plancc: 1\nid: big\nkind: 方案\ntitle: 大方案\nunits:\n{units}body:\n{body}", encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "plancc", "build", str(plan), "-o", str(out), "-j", "2"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 30
    while not _children(proc.pid) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)  # a forked worker means loading is done and rendering has begun
    assert proc.poll() is None and _children(proc.pid), "the build was not rendering when interrupted"
    os.killpg(proc.pid, signal.SIGINT)  # as Ctrl-C does: the whole process group
    out_text, err = proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGINT, err.decode()  # the shell's $? is 130
    assert "已中断" in err.decode() and "Traceback" not in err.decode() and "已生成" not in out_text.decode()
    with pytest.raises(ProcessLookupError):
        os.killpg(proc.pid, 0)  # no worker outlived it
    assert not out.exists() or not list(out.rglob("*.*"))  # nothing written: outputs come only after all are rendered


def _children(pid: int) -> list[int]:
    """Process ids whose parent is `pid` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found

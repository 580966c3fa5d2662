"""PDF conversion: clear errors without LibreOffice, on failure and on timeout; the PDF lands next to
the .docx and an existing PDF survives a failed conversion."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from plancc import office, pdf
from plancc.problems import PlanError
from plancc.render import ooxml, wml

ROOT = Path(__file__).resolve().parent.parent


def fake_office(folder: Path, script: str) -> Path:
    exe = folder / "soffice"
    exe.write_text("#!/bin/sh\n" + script + "\n", encoding="utf-8")
    exe.chmod(exe.stat().st_mode | stat.S_IEXEC)
    return exe


@pytest.fixture
def docx_file(tmp_path: Path) -> Path:
    path = tmp_path / "a.docx"
    path.write_bytes(ooxml.skeleton().docx(wml.paragraph(wml.run("测试文字"))))
    return path


def codes(info: pytest.ExceptionInfo[PlanError]) -> list[str]:
    return [p.code for p in info.value.problems]


def test_missing_libreoffice_is_a_clear_problem(docx_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANCC_SOFFICE", str(docx_file.parent / "no-such-soffice"))
    with pytest.raises(PlanError) as info:
        pdf.to_pdf(docx_file)
    assert codes(info) == ["libreoffice-missing"]
    assert "LibreOffice" in info.value.problems[0].message()


@pytest.mark.skipif(os.name != "posix", reason="shell script stand-in")
def test_failure_keeps_the_existing_pdf(docx_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = docx_file.with_suffix(".pdf")
    old.write_bytes(b"old pdf")
    monkeypatch.setenv("PLANCC_SOFFICE", str(fake_office(tmp_path, "echo 'Error: source file could not be loaded' >&2; exit 1")))
    with pytest.raises(PlanError) as info:
        pdf.to_pdf(docx_file)
    assert codes(info) == ["pdf-failed"]
    assert "source file could not be loaded" in info.value.problems[0].message()
    assert old.read_bytes() == b"old pdf"


@pytest.mark.skipif(os.name != "posix", reason="shell script stand-in")
def test_the_file_without_a_pdf_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = 'while [ "$1" != "--outdir" ]; do shift; done; mkdir -p "$2"; touch "$2/a.pdf"'  # only a's PDF
    monkeypatch.setenv("PLANCC_SOFFICE", str(fake_office(tmp_path, script)))
    docs = [tmp_path / "a.docx", tmp_path / "b.docx"]
    for d in docs:
        d.write_bytes(b"PK")
    with pytest.raises(PlanError) as info:
        pdf.to_pdfs(docs)
    assert codes(info) == ["pdf-failed"] and info.value.problems[0].file == str(docs[1])
    assert not (tmp_path / "a.pdf").exists()  # nothing written when one fails


@pytest.mark.skipif(os.name != "posix", reason="shell script stand-in")
def test_timeout_kills_the_conversion(docx_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANCC_SOFFICE", str(fake_office(tmp_path, "sleep 30")))
    with pytest.raises(PlanError) as info:
        pdf.to_pdf(docx_file, timeout=1)
    assert codes(info) == ["pdf-failed"]
    assert "1 秒" in info.value.problems[0].message()


@pytest.mark.skipif(os.name != "posix", reason="shell script stand-in")
def test_each_call_uses_a_private_profile(docx_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "args.txt"
    script = f'echo "$@" >> {log}; exit 1'
    monkeypatch.setenv("PLANCC_SOFFICE", str(fake_office(tmp_path, script)))
    for _ in range(2):
        with pytest.raises(PlanError):
            pdf.to_pdf(docx_file)
    calls = log.read_text(encoding="utf-8").splitlines()
    profiles = [next(a for a in c.split() if a.startswith("-env:UserInstallation=file://")) for c in calls]
    assert len(set(profiles)) == 2
    assert all("--headless" in c and "--convert-to pdf" in c for c in calls)


def test_shipped_fontconfig_file_matches_the_aliases() -> None:
    shipped = (ROOT / "docs" / "fonts" / "plancc-fonts.conf").read_text(encoding="utf-8")
    assert shipped == office.fontconfig_aliases(include=None)
    assert "<family>仿宋</family>" in shipped and "Noto Serif CJK SC" in shipped


@pytest.mark.render
@pytest.mark.skipif(office.find_soffice() is None or shutil.which("pdftotext") is None, reason="needs LibreOffice")
def test_real_conversion_writes_the_pdf_next_to_the_docx(docx_file: Path) -> None:
    out = pdf.to_pdf(docx_file)
    assert out == docx_file.with_suffix(".pdf")
    assert out.read_bytes().startswith(b"%PDF")
    assert not list(docx_file.parent.glob(".*.tmp"))


@pytest.mark.skipif(os.name != "posix", reason="shell script stand-in")
def test_ctrl_c_stops_libreoffice_too(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    pid_file = tmp_path / "office.pid"
    exe = fake_office(tmp_path, f"echo $$ > {pid_file}; sleep 30")
    doc = tmp_path / "old.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)  # converted by LibreOffice on import
    env = dict(os.environ, PLANCC_SOFFICE=str(exe))
    proc = subprocess.Popen([sys.executable, "-m", "plancc", "import", str(doc)], env=env, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while not pid_file.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert pid_file.exists(), "LibreOffice was never started"
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C reaches plancc's group, not LibreOffice's own
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGINT and "已中断" in err.decode() and "Traceback" not in err.decode()
    with pytest.raises(ProcessLookupError):
        os.kill(int(pid_file.read_text()), 0)  # LibreOffice was stopped as well

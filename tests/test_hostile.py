"""Hostile input through the CLI, as a user (or an attacker) would feed it: refused with a clear, located
message and exit code 1 or 2, never a traceback or a crash. Timings are measured in bench/hostile.py,
not here (shared machines are noisy)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = (ROOT / "examples" / "minimal.yaml").read_text(encoding="utf-8")


def validate(*paths: Path | str, lang: str = "zh") -> tuple[int, str]:
    proc = subprocess.run(
        [sys.executable, "-m", "plancc", "validate", "--lang", lang, *map(str, paths)],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )
    out = proc.stdout + proc.stderr
    assert "Traceback" not in out, out
    assert proc.returncode >= 0, f"killed by signal {-proc.returncode}"
    return proc.returncode, out


def refused(path: Path, code: str, where: str = ":") -> str:
    rc, out = validate(path)
    assert rc == 1, out
    assert f"[{code}]" in out, out
    assert f"{path}{where}" in out, out
    return out


def test_alias_bomb(tmp_path: Path) -> None:
    lines = ["a: &a [" + ", ".join(["lol"] * 10) + "]"]
    lines += [f"{c}: &{c} [" + ", ".join([f"*{p}"] * 10) + "]" for p, c in zip("abcdefgh", "bcdefghi")]
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert "别名炸弹" in refused(path, "too-many-nodes")


def test_recursive_alias(tmp_path: Path) -> None:
    path = tmp_path / "loop.yaml"
    path.write_text("plancc: 1\nunits: &u\n  - id: x\n    members: *u\n", encoding="utf-8")
    refused(path, "recursive-alias", ":2:8:")


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 10_000 + "]" * 10_000,  # flow sequences
        "a: " + "{a: " * 10_000 + "}" * 10_000,  # flow mappings
        "- " * 10_000 + "x",  # compact block sequences
        "a: " + "[" * 1_000_000,  # deep enough to crash a recursive parser
        "".join(" " * i + "a:\n" for i in range(2000)),  # indentation
    ],
    ids=["flow-seq", "flow-map", "block-seq", "million", "indent"],
)
def test_deep_nesting(tmp_path: Path, text: str) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text(text + "\n", encoding="utf-8")
    assert "嵌套层次过深" in refused(path, "too-deep")


def test_nesting_just_past_the_limit_is_located(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("plancc: 1\nx: " + "[" * 70 + "]" * 70 + "\n", encoding="utf-8")
    refused(path, "too-deep", ":2:")


def test_fifty_megabyte_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as f:  # sparse: costs no disk
        f.truncate(50 * 2**20)
    assert "文件过大" in refused(path, "file-too-large")


def test_fifty_megabytes_of_real_text(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"- " + b"x" * (50 * 2**20) + b"\n")
    refused(path, "file-too-large")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_endless_device() -> None:
    rc, out = validate("/dev/zero")
    assert rc == 1 and "[file-too-large]" in out


@pytest.mark.parametrize(
    "data, code",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary-file"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)), "binary-file"),  # a .docx renamed
        (bytes(range(128, 256)) * 8, "encoding"),
        ("plancc: 1\n".encode("utf-16"), "encoding-utf16"),
    ],
    ids=["png", "zip", "high-bytes", "utf16"],
)
def test_binary_files(tmp_path: Path, data: bytes, code: str) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(data)
    refused(path, code)


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\u2028"], ids=repr)
def test_control_characters_are_located(tmp_path: Path, char: str) -> None:
    path = tmp_path / "plan.yaml"
    text = MINIMAL.replace("title: ", f"title: 某{char}", 1)
    line = next(i for i, l in enumerate(text.splitlines(), 1) if l.startswith("title: "))
    path.write_text(text, encoding="utf-8")
    code = "binary-file" if char == "\x00" else "bad-char"  # a NUL byte marks binary data
    out = refused(path, code)
    if code == "bad-char":
        assert f"{path}:{line}:9:" in out, out
        assert f"U+{ord(char):04X}" in out


def test_gbk_text(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(MINIMAL.encode("gbk", errors="replace"))
    out = refused(path, "encoding-gbk")
    assert "iconv -f GBK -t UTF-8" in out


def test_english_messages_for_hostile_input(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(MINIMAL.encode("gbk", errors="replace"))
    rc, out = validate(path, lang="en")
    assert rc == 1 and "GBK" in out and "hint:" in out


UNSAFE_NAMES = ["../../etc/passwd", "a/b", "C:\\Windows\\x", "CON", "..", "名单\t\n", "/abs", "x" * 300]


def _plan_with_units(tmp_path: Path) -> Path:
    units = "\n".join(f"  - id: {json.dumps(name, ensure_ascii=False)}" for name in UNSAFE_NAMES)
    refs = ", ".join(json.dumps(name, ensure_ascii=False) for name in UNSAFE_NAMES)
    text = MINIMAL.split("units:")[0] + f"units:\n{units}\nbody:\n  - action: 测试\n    text: 测试。\n    lead: [{refs}]\n"
    path = tmp_path / "names.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_unit_names_with_path_separators_validate(tmp_path: Path) -> None:
    rc, out = validate(_plan_with_units(tmp_path))
    assert rc in (0, 1), out
    assert "[yaml-syntax]" not in out, out


def _has_build_command() -> bool:
    proc = subprocess.run([sys.executable, "-m", "plancc", "build", "--help"], capture_output=True, cwd=ROOT)
    return proc.returncode == 0


def test_unit_names_with_path_separators_stay_inside_the_output_folder(tmp_path: Path) -> None:
    if not _has_build_command():
        pytest.skip("no `plancc build` command yet")
    plan = _plan_with_units(tmp_path)
    out = tmp_path / "deep" / "out"
    before = {p for p in tmp_path.rglob("*")}
    proc = subprocess.run(
        [sys.executable, "-m", "plancc", "build", str(plan), "-o", str(out)], capture_output=True, text=True, timeout=300, cwd=ROOT,
    )
    assert "Traceback" not in proc.stdout + proc.stderr
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    created = {p for p in tmp_path.rglob("*")} - before
    outside = [p for p in created if out not in p.parents and p != out and p not in out.parents]
    assert outside == []
    for p in out.rglob("*"):
        assert p.parent == out or p.parent.parent == out, p
        assert len(p.name.encode("utf-8")) <= 255

"""How long `plancc validate` takes to refuse hostile input (goal: under a second each, start-up included).

    python bench/hostile.py

tests/test_hostile.py checks the outcomes (exit code, message, location); this only times them, since
shared test machines are too noisy for timing assertions. Slowness never fails this script.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = (ROOT / "examples" / "minimal.yaml").read_text(encoding="utf-8")


def _bomb(path: Path) -> None:
    lines = ["a: &a [" + ", ".join(["lol"] * 10) + "]"]
    lines += [f"{c}: &{c} [" + ", ".join([f"*{p}"] * 10) + "]" for p, c in zip("abcdefgh", "bcdefghi")]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _sparse(path: Path) -> None:
    with path.open("wb") as f:
        f.truncate(50 * 2**20)


CASES: list[tuple[str, Callable[[Path], None]]] = [
    ("alias bomb (10^9 nodes)", _bomb),
    ("10k-deep flow nesting", lambda p: p.write_text("a: " + "[" * 10_000 + "]" * 10_000 + "\n", encoding="utf-8")),
    ("1M-deep flow nesting", lambda p: p.write_text("a: " + "[" * 1_000_000 + "\n", encoding="utf-8")),
    ("10k-deep block nesting", lambda p: p.write_text("- " * 10_000 + "x\n", encoding="utf-8")),
    ("50 MB file (sparse)", _sparse),
    ("50 MB of text", lambda p: p.write_bytes(b"- " + b"x" * (50 * 2**20) + b"\n")),
    ("9.9 MB plan-like text", lambda p: p.write_text(("- 镇农经站: " + "字" * 60 + "\n") * 52_000, encoding="utf-8")),
    ("binary (PNG)", lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 64)),
    ("control characters", lambda p: p.write_text(MINIMAL.replace("title: ", "title: \x07\x1b", 1), encoding="utf-8")),
    ("GBK text", lambda p: p.write_bytes(MINIMAL.encode("gbk", errors="replace"))),
    ("path separators in unit names", lambda p: p.write_text(MINIMAL.replace("镇农服中心", "../../etc/passwd"), encoding="utf-8")),
]


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="plancc-hostile-") as tmp:
        print(f"{'input':<32} {'exit':>4} {'median':>8}  first line of the message")
        for name, make in CASES:
            path = Path(tmp) / "plan.yaml"
            make(path)
            times, proc = [], None
            for _ in range(3):
                start = time.perf_counter()
                proc = subprocess.run([sys.executable, "-m", "plancc", "validate", str(path)], capture_output=True, text=True, cwd=ROOT)
                times.append(time.perf_counter() - start)
            assert proc is not None
            first = (proc.stdout or proc.stderr).splitlines()[0].replace(str(path), "plan.yaml")[:70]
            print(f"{name:<32} {proc.returncode:>4} {statistics.median(times) * 1000:6.0f}ms  {first}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

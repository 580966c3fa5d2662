"""Time `plancc build` (every output) against pandoc converting the same text to one .docx.

For each size (default 100, 1000 and 5000 actions) bench/gen.py writes a plan and its Markdown twin;
both tools then run as child processes, in the same run on the same machine, and each is measured
for wall time and peak memory (the larger of the child's ru_maxrss and the sampled proportional set
size of the child with its worker processes). Best of 3 for time; the largest peak memory seen.
Results go to stdout and bench/results/latest.md. Slowness never makes this script fail; a failed
build or conversion does.

    python bench/run.py                    # 100, 1000, 5000 actions, best of 3
    python bench/run.py -j 1               # plancc in one process (least memory)
    python bench/run.py --sizes 100 --repeat 1
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen import write  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
# As on a user's machine, Python keeps the bytecode it compiles (pip compiles it at install time);
# some environments switch that off, which would make every run compile plancc again.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

@dataclass
class Run:
    """One tool on one input: best wall time, largest peak memory, what it wrote."""

    wall: float
    rss_mb: float
    outputs: list[str]


def _descendants(pid: int) -> list[int]:
    """`pid` and every process below it (from /proc/<pid>/task/*/children)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        for task in Path(f"/proc/{p}/task").glob("*/children"):
            try:
                todo += [int(c) for c in task.read_text().split()]
            except OSError:
                pass
    return out


def _tree_pss_mb(pid: int) -> float:
    """Proportional set size of the process tree: pages shared after a fork are counted once."""
    total = 0
    for p in _descendants(pid):
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    break
        except OSError:
            pass
    return total / 1024


def measure(cmd: list[str], outdir: Path, repeat: int) -> Run:
    """Run `cmd` once to warm caches, then `repeat` times as a child process; wall time by the clock;
    memory as the larger of the child's peak resident set (wait4) and the peak, sampled every 10 ms,
    of the proportional set size of the child and its workers together (plancc renders in forked
    workers)."""
    best, peak = math.inf, 0.0
    outputs: list[str] = []
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=ENV)  # warm caches
    for _ in range(repeat):
        shutil.rmtree(outdir, ignore_errors=True)
        outdir.mkdir(parents=True)
        with tempfile.TemporaryFile() as err:
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, cwd=ROOT, env=ENV)
            sampled = [0.0]
            stop = threading.Event()

            def sample() -> None:
                while not stop.wait(0.01):
                    sampled[0] = max(sampled[0], _tree_pss_mb(proc.pid))

            sampler = threading.Thread(target=sample, daemon=True)
            sampler.start()
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - start
            stop.set()
            sampler.join()
            proc.returncode = os.waitstatus_to_exitcode(status)
            if proc.returncode != 0:
                err.seek(0)
                raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err.read().decode(errors='replace')[-2000:]}")
        best = min(best, wall)
        peak = max(peak, usage.ru_maxrss / 1024, sampled[0])  # ru_maxrss: KiB on Linux
        outputs = sorted(str(p.relative_to(outdir)) for p in outdir.rglob("*") if p.is_file())
    return Run(best, peak, outputs)


def plancc_command(plan: Path, outdir: Path, jobs: int | None) -> list[str]:
    """`plancc build` as users run it: the installed command, else `python -m plancc`."""
    script = Path(sys.executable).with_name("plancc")
    cmd = [str(script)] if script.is_file() else [sys.executable, "-m", "plancc"]
    return cmd + ["build", str(plan), "-o", str(outdir)] + (["-j", str(jobs)] if jobs else [])


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    pandoc = subprocess.run(["pandoc", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    return f"{cpu}, {os.cpu_count()} cores; Python {platform.python_version()}; {pandoc}"


def exponent(sizes: list[int], times: list[float]) -> str:
    """Growth between the two largest sizes: 1.0 is linear."""
    if len(sizes) < 2:
        return "–"
    return f"{math.log(times[-1] / times[-2]) / math.log(sizes[-1] / sizes[-2]):.2f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pandoc", default=shutil.which("pandoc") or "/usr/bin/pandoc")
    parser.add_argument("--jobs", "-j", type=int, help="pass -j N to plancc build (default: its own, one process per core)")
    parser.add_argument("--no-save", action="store_true", help="do not write bench/results/latest.md")
    args = parser.parse_args()

    rows, plancc_times, pandoc_times = [], [], []
    outputs: list[str] = []
    with tempfile.TemporaryDirectory(prefix="plancc-bench-") as tmp:
        work = Path(tmp)
        for n in args.sizes:
            plan, md = write(n, work / "in")
            cmd = plancc_command(plan, work / "plancc-out", args.jobs)
            ours = measure(cmd, work / "plancc-out", args.repeat)
            theirs = measure([args.pandoc, str(md), "-o", str(work / "pandoc-out" / "plan.docx")], work / "pandoc-out", args.repeat)
            outputs = ours.outputs
            plancc_times.append(ours.wall)
            pandoc_times.append(theirs.wall)
            rows.append(
                f"| {n} | {plan.stat().st_size / 2**20:.1f} MB | {ours.wall:.2f} s | {theirs.wall:.2f} s | "
                f"**{ours.wall / theirs.wall:.2f}** | {ours.rss_mb:.0f} MB | {theirs.rss_mb:.0f} MB | "
                f"{ours.rss_mb / theirs.rss_mb:.2f} | {len(ours.outputs)} |"
            )
            print(rows[-1], flush=True)

    kinds = sorted({Path(o).suffix for o in outputs})
    lines = [
        "# plancc build vs pandoc",
        "",
        f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC; {machine()}.",
        f"plancc: `plancc build{f' -j {args.jobs}' if args.jobs else ''}`, all outputs ({len(outputs)} files at the largest size: {', '.join(kinds)}); "
        "pandoc: the same headings and paragraphs plus the task table, Markdown to one .docx. "
        f"Wall time best of {args.repeat}; peak memory is the larger of the child's maximum resident set and "
        "the sampled peak proportional set size of the child with its worker processes.",
        "",
        "| actions | plan | plancc | pandoc | time ratio | plancc peak | pandoc peak | memory ratio | plancc files |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        *rows,
        "",
        f"Growth exponent between the two largest sizes (1.00 = linear): plancc {exponent(args.sizes, plancc_times)}, "
        f"pandoc {exponent(args.sizes, pandoc_times)}.",
        "",
        "Outputs at the largest size: " + ", ".join(f"`{o}`" for o in outputs[:8]) + (" …" if len(outputs) > 8 else ""),
        "",
    ]
    report = "\n".join(lines)
    print()
    print(report)
    if not args.no_save:
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "latest.md").write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

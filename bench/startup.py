"""Start-up time of the commands people type most: median of 10 runs each.

    plancc --help
    plancc validate plans/000-spring-offensive.yaml
    plancc validate DIR            (100 seed-sized plans: copies of plans/*.yaml)

Runs the installed `plancc` script beside this interpreter (not a version-manager shim, which adds
its own start-up time), with a private schema cache: the first, uncached run is reported apart.
Goals: <= 150 ms for the first two, <= 1 s for the hundred plans. Slowness never fails this script.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def plancc() -> list[str]:
    script = Path(sys.executable).parent / "plancc"
    return [str(script)] if script.exists() else [sys.executable, "-m", "plancc"]


def timed(cmd: list[str], env: dict[str, str]) -> float:
    """Wall time of one run."""
    return timed_cpu(cmd, env)[0]


def timed_cpu(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run; CPU time hardly depends on other load."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
    _, _, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    base = plancc()
    with tempfile.TemporaryDirectory(prefix="plancc-startup-") as tmp:
        # bytecode kept, as after pip install (some environments switch that off)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PLANCC_CACHE_DIR"] = str(Path(tmp) / "cache")
        hundred = Path(tmp) / "plans"
        hundred.mkdir()
        seeds = sorted((ROOT / "plans").glob("*.yaml"))
        for i in range(100):
            shutil.copy(seeds[i % len(seeds)], hundred / f"{i:03d}-{seeds[i % len(seeds)].name}")
        one = str(ROOT / "plans" / "000-spring-offensive.yaml")
        cold = timed(base + ["validate", one], env)  # writes the schema cache
        cases = [
            ("plancc --help", base + ["--help"], 0.150),
            ("plancc validate (1 plan)", base + ["validate", one], 0.150),
            ("plancc validate (100 plans)", base + ["validate", str(hundred)], 1.0),
        ]
        print(f"{'command':<30} {'median':>9} {'min':>9} {'max':>9} {'cpu':>9}  goal (median)")
        for name, cmd, goal in cases:
            runs = [timed_cpu(cmd, env) for _ in range(args.runs)]
            times = [wall for wall, _ in runs]
            median, cpu = statistics.median(times), statistics.median(c for _, c in runs)
            mark = "ok" if median <= goal else "MISSED"
            print(
                f"{name:<30} {median * 1000:7.0f}ms {min(times) * 1000:7.0f}ms {max(times) * 1000:7.0f}ms "
                f"{cpu * 1000:7.0f}ms  <= {goal * 1000:.0f} ms {mark}"
            )
        baseline = statistics.median(timed([sys.executable, "-c", "pass"], env) for _ in range(args.runs))
        print(f"{'(first run, no schema cache)':<30} {cold * 1000:7.0f}ms")
        print(f"{'(python -c pass)':<30} {baseline * 1000:7.0f}ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())

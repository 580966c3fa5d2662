"""plancc's cache folder: things that cost time to make and come out the same every run (the
schema's validator, compiled templates, the table of wide characters), kept between runs.

The folder is $PLANCC_CACHE_DIR, else $XDG_CACHE_HOME/plancc, else ~/.cache/plancc. An entry keeps
the stamp it was made from (everything it depends on) and is used only while that matches; a
missing, broken or unwritable entry only means making the thing again. Whenever an entry is
written, those of its kind written more than `MAX_AGE` ago are removed (entries of edited
templates, older versions, other folders), so the folder does not grow without end; one still in
use is simply made again.
"""

from __future__ import annotations

import marshal
import os
import sys
import time
import zlib
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")
MAX_AGE = 30 * 24 * 3600  # seconds


def cache_dir() -> Path:
    if os.environ.get("PLANCC_CACHE_DIR"):
        return Path(os.environ["PLANCC_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "plancc"


def cached(name: str, stamp: str, make: Callable[[], T]) -> T:
    """`make()`, kept under `name` for the runs with the same `stamp` (a value marshal can store)."""
    # the file name spreads interpreters and stamps over files; the stamp inside is compared in full
    path = cache_dir() / f"{name}-{sys.implementation.cache_tag}-{zlib.crc32(stamp.encode('utf-8')):08x}.bin"
    try:
        stored, value = marshal.loads(path.read_bytes())
        if stored == stamp:
            return value  # type: ignore[no-any-return]
    except Exception:  # missing, unreadable or from another version: make it
        pass
    value = make()
    from plancc.problems import PlanError
    from plancc.write import write_atomic  # here: only a run that makes something pays for tempfile

    try:
        write_atomic(path, marshal.dumps((stamp, value)))  # other plancc processes may be reading it
        prune(path.parent, path.suffix)
    except (PlanError, ValueError):
        pass  # read-only home: still made only once in this process
    return value


def prune(folder: Path, suffix: str, now: float | None = None) -> None:
    """Remove the entries of `folder` ending in `suffix` written more than `MAX_AGE` ago."""
    limit = (time.time() if now is None else now) - MAX_AGE
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                try:
                    if entry.name.endswith(suffix) and entry.stat().st_mtime < limit:
                        os.unlink(entry.path)
                except OSError:
                    pass  # gone already, or not ours to remove
    except OSError:
        pass

"""plancc's cache folder: things that cost time to make and come out the same every run (the
schema's validator, compiled templates, the table of wide characters), kept between runs.

The folder is $PLANCC_CACHE_DIR, else $XDG_CACHE_HOME/plancc, else ~/.cache/plancc. An entry keeps
the stamp it was made from (everything it depends on) and is used only while that matches; a
missing, broken or unwritable entry only means making the thing again.
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")


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
    try:
        write(path, marshal.dumps((stamp, value)))
    except (OSError, ValueError):
        pass  # read-only home: still made only once in this process
    return value


def write(target: Path, data: bytes) -> None:
    """Replace `target` atomically (other plancc processes may be reading it)."""
    import tempfile

    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, target)
    except BaseException:
        os.unlink(tmp)
        raise

"""Write stage: atomic, deterministic files.

Every output is written to a temporary file in the target folder and renamed over the target, so an
error or Ctrl-C never leaves a half-written file and earlier outputs stay intact. Zip containers
(.docx, .xlsx) are rewritten with sorted entries and a fixed timestamp so that the same plan builds
byte-identical files on any machine.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from pathlib import Path

from plancc.problems import PlanError, problem

FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def write_atomic(target: Path, data: bytes) -> None:
    """Write `data` to `target` via a temporary file and rename; raise PlanError on failure."""
    target = Path(target)
    tmp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:40]}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise PlanError([problem(str(target), (0, 0), "output-unwritable", target=str(target), detail=exc.strerror or str(exc))]) from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def normalize_zip(data: bytes, first: tuple[str, ...] = ("[Content_Types].xml",)) -> bytes:
    """Re-pack a zip with `first` entries leading, the rest sorted, and fixed timestamps."""
    src = zipfile.ZipFile(io.BytesIO(data))
    names = src.namelist()
    ordered = [n for n in first if n in names] + sorted(n for n in names if n not in first)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in ordered:
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            dst.writestr(info, src.read(name), compresslevel=6)
    return out.getvalue()


_UNSAFE = str.maketrans({c: "_" for c in '/\\:*?"<>|\0'} | {c: " " for c in "\t\r\n"})


def safe_filename(name: str, limit: int = 80) -> str:
    """A file name that is valid everywhere and stays inside its folder, whatever the unit is called."""
    cleaned = " ".join(name.translate(_UNSAFE).split()).strip(" .")
    cleaned = "".join(ch for ch in cleaned if ch.isprintable())
    if len(cleaned.encode("utf-8")) > limit * 3 or len(cleaned) > limit:
        cleaned = cleaned[:limit].rstrip(" .")
    return cleaned or "_"

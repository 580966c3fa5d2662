"""Write stage: atomic, deterministic files.

Every output is written to a temporary file in the target folder and renamed over the target, so an
error or Ctrl-C never leaves a half-written file and earlier outputs stay intact (zip containers are
made deterministic by `plancc.archive`).
"""

from __future__ import annotations

import os
import tempfile
import unicodedata
from pathlib import Path

from plancc.problems import PlanError, problem


def write_atomic(target: Path, data: bytes) -> None:
    """Write `data` to `target` via a temporary file and rename; raise PlanError on failure."""
    target = Path(target)
    tmp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:40]}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as f:
            if hasattr(os, "fchmod"):  # mkstemp makes the file private; give it the mode any new file gets
                try:
                    os.fchmod(f.fileno(), _mode_of(target))
                except OSError:
                    pass  # a file system without permissions (FAT): the file is written all the same
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


def _mode_of(target: Path) -> int:
    """The permissions `target` has, or those the umask gives a new file."""
    try:
        return os.stat(target).st_mode & 0o7777
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0o022)  # reading the umask means setting it: put it straight back
    os.umask(mask)
    return mask


_UNSAFE = str.maketrans({c: "_" for c in '/\\:*?"<>|\0'} | {c: " " for c in "\t\r\n"})


# Common file systems allow 255 bytes of UTF-8 (ext4, XFS, btrfs, APFS) or 255 UTF-16 units (NTFS, exFAT)
# in a file name; a 200-byte stem leaves 55 bytes for what a caller appends (-任务分工表.xlsx is 21).
STEM_BYTES = 200
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{p}{i}" for p in ("COM", "LPT") for i in range(1, 10)}


def clip_utf8(text: str, limit: int) -> str:
    """The longest prefix of `text` that is at most `limit` bytes in UTF-8 (never half a character)."""
    return text.encode("utf-8")[:limit].decode("utf-8", "ignore")


def safe_filename(name: str, limit: int = STEM_BYTES) -> str:
    """A file name stem that is valid everywhere and stays inside its folder, whatever the unit is called.

    No path separators or characters Windows forbids, no control characters, no leading or trailing dots
    and spaces (so never ``.`` or ``..``), no Windows device names (CON, NUL, COM1 …), NFC-normalised, and
    at most `limit` bytes of UTF-8, cut at a character boundary. UTF-8 bytes are never fewer than UTF-16
    units, so a stem plus a suffix of up to 255 - `limit` bytes fits every common file system.
    """
    cleaned = unicodedata.normalize("NFC", name).translate(_UNSAFE)
    cleaned = "".join(ch for ch in cleaned if ch.isprintable())
    cleaned = " ".join(cleaned.split()).strip(" .")
    cleaned = clip_utf8(cleaned, limit).rstrip(" .")
    if cleaned.split(".")[0].strip(" ").upper() in _RESERVED:
        cleaned = clip_utf8(f"_{cleaned}", limit).rstrip(" .")
    return cleaned or "_"

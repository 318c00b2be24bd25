"""Files only their owner may read: the data directory 0700, what it holds 0600. Made so, and
tightened when they exist already with more open modes and belong to this user (someone else's
file is left alone: changing its mode is not ours to do)."""

from __future__ import annotations

import os
from pathlib import Path

OPEN_TO_OTHERS = 0o077  # any permission for group or others


def private_directory(path: Path) -> Path:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    tighten(path, 0o700)
    return path


def tighten(path: Path, mode: int) -> None:
    """`path` to `mode` if it exists, is this user's, and group or others may use it."""
    try:
        found = path.stat()
    except FileNotFoundError:
        return
    if found.st_mode & OPEN_TO_OTHERS and found.st_uid == os.geteuid():
        path.chmod(mode)

"""The files a folder holds for wendiff, and why the others are left out: one rule for ``store import`` and ``dups``.

Rules:

* The files under a folder, recursively, sorted by their path inside it,
  leaving out hidden files and folders (names starting with ``.``).
* Left out, each with one `LeftOut` note: a link that leads out of the folder
  (``passwd.txt -> /etc/passwd`` is never read), a link to a folder (not
  followed), a broken link, a FIFO, socket or device, and a folder that
  cannot be read (its files are not seen: it is named, never skipped silently).
  A link that stays inside the folder is a file like any other.
* Nothing is read here: a file found may still fail to read (the reader says
  why).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from corpus.display import report_name

__all__ = ["FolderFiles", "LeftOut", "files_under"]


@dataclass(frozen=True)
class LeftOut:
    """An entry of the folder that is not taken, and why."""

    path: str
    """The entry's path (as found; `report_name` makes it printable)."""
    problem: str
    """Why it is left out, e.g. ``a link to /etc/passwd, outside the folder: not followed``."""

    def __str__(self) -> str:
        return f"{report_name(self.path)}: {self.problem}"


@dataclass(frozen=True)
class FolderFiles:
    """The regular files under a folder, in order, and the entries left out."""

    paths: tuple[Path, ...]
    left_out: tuple[LeftOut, ...]


def files_under(folder: str | os.PathLike[str]) -> FolderFiles:
    """The files under ``folder`` (a folder) and the entries left out (see the rules)."""
    root = Path(folder)
    inside = root.resolve()
    found: list[Path] = []
    left: list[LeftOut] = []

    def unreadable(exc: OSError) -> None:
        left.append(LeftOut(str(exc.filename or root), f"folder cannot be read ({exc.strerror or exc}), skipped"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for d in dirnames:
            if (Path(dirpath) / d).is_symlink():
                left.append(LeftOut(os.path.join(dirpath, d), "a link to a folder, not followed"))
        for name in filenames:
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            problem = _left_out(path, inside)
            if problem is None:
                found.append(path)
            else:
                left.append(LeftOut(str(path), problem))
    return FolderFiles(
        tuple(sorted(found, key=lambda p: p.relative_to(root).parts)), tuple(sorted(left, key=str))
    )


def _left_out(path: Path, inside: Path) -> str | None:
    """Why ``path`` is not taken, or None: a link out of the folder, or not a regular file."""
    try:
        target = path.resolve(strict=True)
        mode = target.stat().st_mode
    except (OSError, RuntimeError):
        return "a broken link or an unreadable entry, skipped"
    if path.is_symlink() and not target.is_relative_to(inside):
        return f"a link to {report_name(str(target))}, outside the folder: not followed"
    if not stat.S_ISREG(mode):
        return f"not a regular file ({_kind(mode)}), skipped"
    return None


def _kind(mode: int) -> str:
    """What a file that is not a regular one is, in a word or two."""
    kinds = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
             (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a folder"))  # fmt: skip
    return next((kind for test, kind in kinds if test(mode)), "not a file")

"""Where the store is: ``--store PATH``, else ``$WENDIFF_STORE``, else the per-user data folder.

Rules: the choice is made here once; the per-user default is
``platformdirs.user_data_dir("wendiff")/store`` (``~/.local/share/wendiff/store``
on Linux, following XDG_DATA_HOME). An empty ``--store`` or ``$WENDIFF_STORE``
is refused, never read as "the default". A path that can never be a folder (one
below a regular file) is a `StoreError` of one line here, whatever the command.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from corpus.store.errors import StoreError

__all__ = ["ENV_VAR", "store_path"]

ENV_VAR = "WENDIFF_STORE"


def store_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The store folder to use, absolute; an empty ``explicit`` or `ENV_VAR` is a `StoreError`, not the default."""
    return _a_possible_folder(_chosen(explicit))


def _chosen(explicit: str | os.PathLike[str] | None) -> Path:
    if explicit is not None:
        if not os.fspath(explicit):
            raise StoreError("--store is empty: give the store's folder, or leave the option out for the default store")
        return Path(explicit).expanduser().absolute()
    from_env = os.environ.get(ENV_VAR)
    if from_env is not None:
        if not from_env:
            raise StoreError(f"{ENV_VAR} is set but empty: give the store's folder, or unset it for the default store")
        return Path(from_env).expanduser().absolute()
    import platformdirs

    return Path(platformdirs.user_data_dir("wendiff")) / "store"


def _a_possible_folder(path: Path) -> Path:
    """``path``, unless a folder above it is a file (then no command could ever open or create a store there)."""
    for above in path.parents:
        try:
            info = os.stat(above)
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError:
            break  # unreadable: opening the store says what is wrong
        if not stat.S_ISDIR(info.st_mode):
            raise StoreError(f"{path}: cannot be a store: {above} is a file")
        break
    return path

"""Where the store is: ``--store PATH``, else ``$WENDIFF_STORE``, else the per-user data folder.

Rule: the choice is made here once; the per-user default is
``platformdirs.user_data_dir("wendiff")/store`` (``~/.local/share/wendiff/store``
on Linux, following XDG_DATA_HOME). An empty ``--store`` or ``$WENDIFF_STORE``
is refused, never read as "the default".
"""

from __future__ import annotations

import os
from pathlib import Path

from corpus.store.errors import StoreError

__all__ = ["ENV_VAR", "store_path"]

ENV_VAR = "WENDIFF_STORE"


def store_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The store folder to use, absolute; an empty ``explicit`` or `ENV_VAR` is a `StoreError`, not the default."""
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

"""Where the store is: ``--store PATH``, else ``$WENDIFF_STORE``, else the per-user data folder.

Rule: the choice is made here once; the per-user default is
``platformdirs.user_data_dir("wendiff")/store`` (``~/.local/share/wendiff/store``
on Linux, following XDG_DATA_HOME).
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["ENV_VAR", "store_path"]

ENV_VAR = "WENDIFF_STORE"


def store_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The store folder to use, absolute."""
    if explicit:
        return Path(explicit).expanduser().absolute()
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return Path(from_env).expanduser().absolute()
    import platformdirs

    return Path(platformdirs.user_data_dir("wendiff")) / "store"

"""The branch tip every store command starts from, checked first: a damaged branch is never read as empty.

Rules:

* `verified_tip` is how the store reads `BRANCH`: None only for a store with no
  version yet; otherwise a commit id, once these cheap checks pass (a few
  objects read through the repository's long-lived ``git cat-file``, nothing
  walked): the branch names an object (`GitRepo.head` refuses a ref that names
  none, garbage in ``packed-refs``, a branch gone while its reflog remains),
  that object is a commit, its tree holds a ``docs`` folder, and every entry of
  ``docs`` is a folder.
* A store that fails them is refused with a `DamagedStore` (one line ending
  "run 'wendiff store check'"): no command reads it as an empty store or writes
  a version on top of it. ``store check`` (corpus/store/check.py) reports the
  same line as a problem.
"""

from __future__ import annotations

from corpus.store.errors import StoreError
from corpus.store.gitrepo import DamagedStore, GitRepo
from corpus.store.paths import BRANCH, DOCS

__all__ = ["verified_tip"]


def verified_tip(repo: GitRepo) -> str | None:
    """The commit at the tip of `BRANCH` (None in a new store), or a `DamagedStore` saying what is wrong."""
    head = repo.head()
    if head is None:
        return None
    try:
        found = repo.read_object(head)
    except StoreError as exc:
        raise DamagedStore(repo.path, f"the branch {BRANCH} points to a corrupt object {head[:10]}") from exc
    if found is None:
        raise DamagedStore(repo.path, f"the branch {BRANCH} points to a missing object {head[:10]}")
    kind, body = found
    if kind != "commit":
        raise DamagedStore(repo.path, f"the branch {BRANCH} points to a {kind} ({head[:10]}), not a commit")
    _check_tree(repo, head, body)
    return head


def _check_tree(repo: GitRepo, head: str, body: bytes) -> None:
    """The commit ``body``'s tree holds a ``docs`` folder of folders."""
    first = body.split(b"\n", 1)[0].split()
    where = f"the tip {head[:10]}"
    if len(first) != 2 or first[0] != b"tree":
        raise DamagedStore(repo.path, f"{where} is not a well-formed commit")
    try:
        root = repo.tree(first[1].decode("ascii"))
        docs = next((e for e in root or [] if e.name == DOCS), None)
        entries = repo.tree(docs.sha) if docs is not None and docs.is_tree else None
    except (StoreError, ValueError, UnicodeDecodeError) as exc:
        raise DamagedStore(repo.path, f"{where}: its tree cannot be read") from exc
    if root is None:
        raise DamagedStore(repo.path, f"{where}: its tree is missing")
    if docs is None or not docs.is_tree:
        raise DamagedStore(repo.path, f"{where} holds no {DOCS}/ folder")
    if entries is None:
        raise DamagedStore(repo.path, f"{where}: the {DOCS}/ folder is missing")
    odd = next((e for e in entries if not e.is_tree), None)
    if odd is not None:
        raise DamagedStore(repo.path, f"{where}: {DOCS}/{odd.name} is a file, not a document's folder")

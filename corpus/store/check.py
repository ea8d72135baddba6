"""``store check``: is the store whole? git's own check plus the store's invariants.

Rules:

* Read-only: nothing is repaired, rewritten or deleted; the report says what
  is wrong and where, one line per problem.
* The branch tip gets the checks every command makes first
  (corpus/store/tip.py); what they find is a problem here, and the walk goes
  on from the tip when there is one.
* git's part is ``git fsck --full --strict``; dangling objects (left by an
  ``add`` that was killed before it moved the branch) are not problems.
* The store's part walks the branch from its first commit. Each commit must be
  one version: it has at most one parent and changes the files of exactly one
  document, whose id is valid; that folder holds original, clauses.txt and
  meta.json and nothing else; meta.json is valid, names that id and the next
  version number; the original's SHA-256 and size match meta.json; clauses.txt
  is UTF-8 with as many lines as meta.json says.
* A problem reading an object (missing, corrupt) is a problem of the store,
  reported, and the walk goes on.
* Temporary object files left in ``objects/`` by a killed writer are counted
  (``leftovers``), not reported as problems: git never reads them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from corpus.store import meta
from corpus.store.derive import decode_clauses
from corpus.store.errors import StoreError
from corpus.store.gitrepo import DamagedStore, GitRepo
from corpus.store.ids import is_valid_id
from corpus.store.paths import CLAUSES, DOCS, FILES, META, ORIGINAL, doc_dir, doc_file
from corpus.store.store import Store
from corpus.store.tip import verified_tip

__all__ = ["CheckReport", "check"]


@dataclass(frozen=True)
class CheckReport:
    """What ``check`` found."""

    problems: tuple[str, ...]
    """One line per problem, empty when the store is whole."""
    versions: int
    """Versions (commits) walked."""
    documents: int
    """Documents seen."""
    leftovers: int = 0
    """Temporary object files of interrupted adds (harmless, safe to delete)."""

    @property
    def ok(self) -> bool:
        return not self.problems


def check(store: Store) -> CheckReport:
    """Check ``store`` without changing it."""
    repo = store.repo
    passed, fsck_lines = repo.fsck()
    problems = [] if passed else [f"git fsck: {line}" for line in fsck_lines] or ["git fsck failed"]
    leftovers = len(repo.temporary_objects())
    try:
        head = verified_tip(repo)
    except DamagedStore as exc:
        problems.append(exc.problem)
        try:
            head = repo.head()
        except DamagedStore:
            head = None
    if head is None:
        return CheckReport(tuple(problems), 0, 0, leftovers)
    try:
        history = repo.history(head)
    except StoreError as exc:
        problems.append(f"cannot walk the history: {exc}")
        return CheckReport(tuple(problems), 0, 0, leftovers)
    numbers: dict[str, int] = {}
    for commit, parents, paths in history:
        problems.extend(_check_commit(repo, commit, parents, paths, numbers))
    return CheckReport(tuple(problems), len(history), len(numbers), leftovers)


def _check_commit(
    repo: GitRepo, commit: str, parents: list[str], paths: list[str], numbers: dict[str, int]
) -> list[str]:
    where = commit[:10]
    if len(parents) > 1:
        return [f"{where}: a merge commit; versions form a single line of commits"]
    ids = {_doc_of(path) for path in paths}
    if len(ids) != 1 or None in ids:
        return [f"{where}: changes {', '.join(sorted(paths)) or 'nothing'}, not the files of one document"]
    doc_id = ids.pop()
    assert doc_id is not None
    if not is_valid_id(doc_id):
        return [f"{where}: {doc_id!r} is not a valid document id"]
    where = f"{where} {doc_id}"
    try:
        entries = repo.tree(f"{commit}:{doc_dir(doc_id)}")
    except StoreError:
        entries = None
    if entries is None:
        return [f"{where}: the document's folder cannot be read"]
    names = sorted(e.name for e in entries)
    problems = [f"{where}: missing file {name}" for name in FILES if name not in names]
    problems += [f"{where}: unexpected entry {name}" for name in names if name not in FILES]
    files: dict[str, bytes] = {}
    for name in FILES:
        try:
            data = repo.read(f"{commit}:{doc_file(doc_id, name)}")
        except StoreError:
            problems.append(f"{where}: {name} cannot be read (corrupt object)")
            continue
        if data is None:
            problems.append(f"{where}: {name} cannot be read (missing object)")
        else:
            files[name] = data
    if problems:
        numbers[doc_id] = numbers.get(doc_id, 0) + 1
        return problems
    return _check_files(where, doc_id, files[ORIGINAL], files[CLAUSES], files[META], numbers)


def _check_files(
    where: str, doc_id: str, original: bytes, clauses: bytes, meta_data: bytes, numbers: dict[str, int]
) -> list[str]:
    try:
        version = meta.decode(meta_data, "", where)
    except StoreError as exc:
        numbers[doc_id] = numbers.get(doc_id, 0) + 1
        return [str(exc)]
    problems = []
    expected = numbers.get(doc_id, 0) + 1
    numbers[doc_id] = version.number
    if version.doc_id != doc_id:
        problems.append(f"{where}: meta.json names the document {version.doc_id!r}")
    if version.number != expected:
        problems.append(f"{where}: meta.json says version {version.number}, expected {expected}")
    if hashlib.sha256(original).hexdigest() != version.sha256 or len(original) != version.size:
        problems.append(f"{where}: the original's SHA-256 or size does not match meta.json")
    try:
        count = len(decode_clauses(clauses))
    except UnicodeDecodeError:
        problems.append(f"{where}: clauses.txt is not UTF-8")
    else:
        if count != version.clauses:
            problems.append(f"{where}: clauses.txt has {count} lines, meta.json says {version.clauses}")
    return problems


def _doc_of(path: str) -> str | None:
    """The id of the document whose file ``path`` is, or None for a path outside docs/<ID>/."""
    parts = path.split("/")
    if len(parts) != 3 or parts[0] != DOCS:
        return None
    return parts[1]

"""The version store's public interface: add versions, list, log, read them back.

Rules:

* A `Store` is a bare git repository (see corpus/store/paths.py). A new one
  is made, complete, in a temporary folder beside its path (``open`` with
  ``create`` when the folder is absent or empty) and renamed into place when
  its first version is recorded: a store exists only with a version, a failed
  or interrupted first add or import leaves none behind (its temporary folder
  is this process's alone, removed on ``close``), and no process ever sees a
  half-made store. If another process put a store there first, the version is
  recorded in theirs. A store that is in place is never removed. A folder
  holding anything else is refused.
* ``add`` reads and normalizes the new version, compares it with the latest
  version of its document and writes its blobs, all without the lock (the
  comparison can take long; git objects are content-addressed). Only the short
  critical section holds the lock: check that the document's latest version is
  still the one compared with (if another writer added one meanwhile, the
  comparison is made again, outside the lock), write the trees and the commit
  on the tip and move the branch in one compare-and-swap
  (corpus/store/gitrepo.py). So a slow add never blocks writers of other
  documents. Bad input or a bad id fails before anything is written.
* Clauses and the comparison come from the `ClauseAnalysis` the store was
  opened with (diffing/ provides it: ``diffing.versions.open_store``); a store
  opened without one reads, and refuses to add.
* Content identical to the latest version (same SHA-256) records nothing.
* After an add, once loose objects pass `PACK_THRESHOLD`, ``git gc --auto``
  packs them (outside the lock; git's own pack writing is crash-safe), so that
  log and blame read packs, not thousands of small files. The version is
  recorded by then: a failure to pack is the result's ``warning``, not an error,
  and Ctrl-C while packing an `InterruptedAfterRecording` carrying the result.
* If the compare-and-swap fails although the lock is held (a ``git update-ref``
  left running by a killed writer, or someone using plain git), the add starts
  again from the new tip; it never overwrites a version it did not see.
* Everything returned is a frozen value of corpus/store/values.py.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path, PurePath
from types import TracebackType

from corpus.document import Document, Source
from corpus.options import Options
from corpus.store import meta
from corpus.store.derive import (
    STORE_OPTIONS,
    ClauseAnalysis,
    clause_lines,
    decode_clauses,
    default_title,
    encode_clauses,
)
from corpus.store.errors import InterruptedAfterRecording, StoreError
from corpus.store.gitrepo import BLOB_MODE, PACK_THRESHOLD, TREE_MODE, BranchMoved, GitRepo, TreeEntry
from corpus.store.ids import derive_id, validate_id
from corpus.store.location import store_path
from corpus.store.lock import DEFAULT_TIMEOUT, locked
from corpus.store.paths import (
    CLAUSES,
    DOCS,
    LOCK_FILE,
    MARKER_KEY,
    META,
    ORIGINAL,
    PINS,
    PINS_REF,
    doc_dir,
    doc_file,
    pins_file,
)  # fmt: skip
from corpus.store.revs import LATEST, Rev, select
from corpus.store.tip import verified_tip
from corpus.store.values import AddResult, ClauseStats, DocumentInfo, Version

__all__ = ["LAYOUT_VERSION", "Store"]

LAYOUT_VERSION = "1"
_CHECK = "run 'wendiff store check'"
_ATTEMPTS = 8
_PAUSE = 0.05
"""An add whose compare-and-swap fails (a git process of a killed writer, or plain git, moved or
locked the branch in the meantime) starts again from the new tip, up to `_ATTEMPTS` times (git
itself waits up to 100 ms for a locked ref each time)."""
_OPTIMISTIC = 3
"""Rounds of comparing outside the lock before an add to a document that other writers keep changing
compares under the lock (so that it surely lands)."""
_NEW_STORE_CONFIG = {
    MARKER_KEY: LAYOUT_VERSION,
    "core.logAllRefUpdates": "true",  # a reflog of the branch: every version ever recorded
    "core.quotePath": "false",  # plain git log/ls-tree show Chinese ids as they are
    "gc.auto": str(PACK_THRESHOLD),  # pack loose objects early: reading packed history is ~4x faster
    "gc.autoDetach": "false",  # no git process outlives the wendiff command that started it
}


@dataclass(frozen=True)
class _Given:
    """What the user said about a new version."""

    title: str | None
    date: str
    source: str
    message: str


class Store:
    """An open version store. Use as a context manager, or call `close`."""

    def __init__(
        self, repo: GitRepo, lock_timeout: float = DEFAULT_TIMEOUT, analysis: ClauseAnalysis | None = None
    ) -> None:
        self._repo = repo
        self.path = repo.path
        self.lock_timeout = lock_timeout
        self._analysis = analysis
        self._unpublished = False
        """A new store, still in its temporary folder: no version recorded yet."""

    @classmethod
    def open(
        cls, path: str | os.PathLike[str] | None = None, *, create: bool = True,
        lock_timeout: float = DEFAULT_TIMEOUT, analysis: ClauseAnalysis | None = None,
    ) -> Store:
        """The store at ``path`` (default: `store_path`); with ``create``, a new one if it is absent.

        A new store is made in a temporary folder beside ``path`` and appears there with its first
        version (see the module's rules). ``analysis`` cuts and compares versions for ``add``;
        without it the store is read-only.
        """
        where = store_path(path)
        if create and (not where.exists() or (where.is_dir() and not any(where.iterdir()))):
            opened = cls(GitRepo.create_beside(where, _NEW_STORE_CONFIG), lock_timeout, analysis)
            opened._unpublished = True
            return opened
        return cls(_existing(where), lock_timeout, analysis)

    def close(self) -> None:
        """Close the store; a new store that never got a version is removed (it was this process's alone)."""
        if self._unpublished:
            self._unpublished = False
            self._repo.discard()
        else:
            self._repo.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- adding --------------------------------------------------------------------------------------

    def add(self, data: bytes, name: str, **fields: str | None) -> AddResult:
        """Record ``data`` (read as a file called ``name``) as a new version; see `add_source`."""
        from corpus.read import source_from_bytes

        return self.add_source(source_from_bytes(name, data), **fields)

    def add_file(self, path: str | os.PathLike[str], **fields: str | None) -> AddResult:
        """Record the file at ``path`` as a new version; see `add_source`."""
        from corpus.read import read_source

        return self.add_source(read_source(os.fspath(path)), **fields)

    def add_source(
        self, src: Source, /, *, doc_id: str | None = None, title: str | None = None, date: str | None = None,
        source: str | None = None, message: str | None = None,
    ) -> AddResult:
        """Record ``src`` as the next version of ``doc_id`` (default: its 文号, else its file name).

        ``title`` defaults to the first line of the text; ``date`` is the document's own date
        (``YYYY[-MM[-DD]]``); ``source`` says where it came from; ``message`` is a note.
        """
        from corpus.pipeline import from_source

        analysis = self._analysis
        if analysis is None:
            raise TypeError("this Store was opened without a ClauseAnalysis and cannot add versions")
        doc_id = validate_id(doc_id) if doc_id is not None else derive_id(src.text, src.name)
        date = meta.validate_date(date or "")
        document = from_source(src, STORE_OPTIONS)

        given = _Given(title, date, source or "", message or "")
        for round_ in range(_OPTIMISTIC + 1):
            if round_ == _OPTIMISTIC:  # other writers of this document kept winning: compare under the lock
                with locked(self._repo.folder / LOCK_FILE, self.lock_timeout):
                    result = self._add_round(src, document, doc_id, given, analysis, holding_lock=True)
                if result is None:
                    raise StoreError(f"{self.path}: {doc_id}: the branch moved under the lock (plain git?); try again")
                return result
            result = self._add_round(src, document, doc_id, given, analysis, holding_lock=False)
            if result is not None:
                return result
        raise AssertionError("unreachable: the last round holds the lock")

    def _add_round(
        self, src: Source, document: Document, doc_id: str, given: _Given, analysis: ClauseAnalysis,
        holding_lock: bool,
    ) -> AddResult | None:
        """Compare with the latest version and record: None when another writer added a version first."""
        head = self._tip()
        previous = self._state_at(head, doc_id) if head else None
        if head is not None and previous is not None and previous.sha256 == src.sha256:
            recorded = self._repo.last_change(head, doc_dir(doc_id)) or head
            return AddResult(replace(previous, commit=recorded), created=False)
        version, clauses = self._prepare(previous, src, document, doc_id, given, analysis)
        blobs = (self._repo.write_blob(src.data), self._repo.write_blob(clauses))  # content-addressed: no lock
        if holding_lock:
            recorded_version = self._record(doc_id, previous, version, blobs)
        else:
            with locked(self._repo.folder / LOCK_FILE, self.lock_timeout):
                recorded_version = self._record(doc_id, previous, version, blobs)
        if recorded_version is None or not self._published():
            return None
        added = AddResult(recorded_version, created=True)
        try:
            return replace(added, warning=self._housekeeping())
        except KeyboardInterrupt as exc:
            raise InterruptedAfterRecording(added) from exc

    def _published(self) -> bool:
        """After a version is recorded: a new store with its first version is renamed into place.

        False if another process put a store there first: this one is dropped and the version must
        be recorded again, in theirs (now this store's repository).
        """
        if not self._unpublished:
            return True
        self._unpublished = False
        published = self._repo.publish()
        self._repo = published if published is not None else _existing(self.path)
        return published is not None

    def _prepare(
        self, previous: Version | None, src: Source, document: Document, doc_id: str, given: _Given,
        analysis: ClauseAnalysis,
    ) -> tuple[Version, bytes]:
        """Outside the lock: compare with ``previous`` (the slow part); the new version and its clauses.txt."""
        stats: ClauseStats | None = None
        if previous is None:
            clauses = analysis.clauses(document)
        else:
            stats, clauses = analysis.compare(self.document(previous), document)
        lines = clause_lines(clauses)
        version = Version(
            doc_id=doc_id,
            number=previous.number + 1 if previous else 1,
            commit="",
            added="",
            title=given.title if given.title is not None else default_title(src.text),
            date=given.date,
            source=given.source,
            message=given.message,
            name=PurePath(src.name).name,
            encoding=src.encoding,
            sha256=src.sha256,
            size=src.size,
            clauses=len(lines),
            stats=stats,
        )
        return version, encode_clauses(lines)

    def _record(
        self, doc_id: str, previous: Version | None, version: Version, blobs: tuple[str, str]
    ) -> Version | None:
        """Under the lock (the short critical section): write the commit on the tip and move the branch.

        None when another writer recorded a version of ``doc_id`` since ``previous`` was read: the
        comparison is stale and the caller makes it again.
        """
        for _attempt in range(_ATTEMPTS):
            head = self._tip()
            now = self._state_at(head, doc_id) if head else None
            if _identity(now) != _identity(previous):
                return None
            when = time.time()
            stamped = replace(version, added=datetime.fromtimestamp(int(when), UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
            commit = self._write_commit(head, stamped, blobs, when)
            try:
                self._repo.move_head(commit, head, f"wendiff add: {commit_subject(stamped)}")
                return replace(stamped, commit=commit)
            except BranchMoved as exc:
                moved = exc
                time.sleep(_PAUSE)
        raise StoreError(f"{self.path}: cannot record the version: {moved.reason}") from moved

    def _housekeeping(self) -> str | None:
        """Pack loose objects if needed; a failure is a warning (the version is recorded), never an error."""
        try:
            self._repo.pack_if_needed()
        except StoreError as exc:
            return f"{exc} (the version is recorded; only packing failed)"
        return None

    def _write_commit(self, head: str | None, version: Version, blobs: tuple[str, str], when: float) -> str:
        """Write the trees of ``version`` (its original and clauses.txt are the ``blobs``) and a commit on
        ``head``; its id."""
        repo = self._repo
        files = [
            TreeEntry(BLOB_MODE, ORIGINAL, blobs[0]),
            TreeEntry(BLOB_MODE, CLAUSES, blobs[1]),
            TreeEntry(BLOB_MODE, META, repo.write_blob(meta.encode(version))),
        ]
        doc_tree = TreeEntry(TREE_MODE, version.doc_id, repo.write_tree(files))
        docs = (repo.tree(f"{head}:{DOCS}") or []) if head else []
        docs_tree = repo.write_tree([e for e in docs if e.name != version.doc_id] + [doc_tree])
        root = (repo.tree(f"{head}^{{tree}}") or []) if head else []
        root_tree = repo.write_tree(
            [e for e in root if e.name != DOCS] + [TreeEntry(TREE_MODE, DOCS, docs_tree)]
        )
        subject = commit_subject(version)
        message = subject + (f"\n\n{version.message}" if version.message else "")
        return repo.write_commit(root_tree, [head] if head else [], message, when)

    # -- the reviewer's data ---------------------------------------------------------------------------

    def pins(self, a: Version, b: Version) -> bytes | None:
        """The reviewer's pins of version ``a`` against version ``b`` (a ``wendiff.pins`` file), or None."""
        tip = self._repo.ref(PINS_REF)
        return self._repo.read(f"{tip}:{PINS}/{pins_file(a.sha256, b.sha256)}") if tip else None

    def save_pins(self, a: Version, b: Version, data: bytes | None, when: float | None = None) -> None:
        """Keep ``data`` as the pins of ``a`` against ``b`` (None: drop them), as a commit on `PINS_REF`;
        the versions' branch is untouched (corpus/store/paths.py)."""
        repo = self._repo
        name = pins_file(a.sha256, b.sha256)
        with locked(repo.folder / LOCK_FILE, self.lock_timeout):
            tip = repo.ref(PINS_REF)
            kept = [e for e in ((repo.tree(f"{tip}:{PINS}") or []) if tip else []) if e.name != name]
            if data is not None:
                kept.append(TreeEntry(BLOB_MODE, name, repo.write_blob(data)))
            root = repo.write_tree([TreeEntry(TREE_MODE, PINS, repo.write_tree(kept))] if kept else [])
            what = "pins" if data is not None else "pins dropped"
            message = f"{what}: {a.doc_id}@{a.number} vs {b.doc_id}@{b.number}"
            commit = repo.write_commit(root, [tip] if tip else [], message, time.time() if when is None else when)
            try:
                repo.move_ref(PINS_REF, commit, tip, message)
            except BranchMoved as moved:
                raise StoreError(f"{self.path}: cannot keep the pins: {moved.reason}") from moved

    # -- reading -------------------------------------------------------------------------------------

    def documents(self) -> list[DocumentInfo]:
        """Every document, by id, with its latest version."""
        head = self._tip()
        if head is None:
            return []
        infos = []
        for entry in self._repo.tree(f"{head}:{DOCS}") or []:
            latest = self._state_at(head, entry.name)
            if latest is not None:
                infos.append(DocumentInfo(entry.name, latest.title, latest.number, latest.when))
        return sorted(infos, key=lambda info: info.doc_id)

    def latest_versions(self) -> list[Version]:
        """The latest version of every document, by id (one history walk, one batch read)."""
        head = self._tip()
        if head is None:
            return []
        current = {entry.name for entry in self._repo.tree(f"{head}:{DOCS}") or []}
        recorded = sorted((doc_id, commit) for doc_id, commit in self._repo.last_changes(head, DOCS).items()
                          if doc_id in current)  # fmt: skip
        metas = self._repo.read_many([f"{commit}:{doc_file(doc_id, META)}" for doc_id, commit in recorded])
        return [self._decode(data, commit, doc_id) for (doc_id, commit), data in zip(recorded, metas, strict=True)]

    def log(self, doc_id: str) -> list[Version]:
        """Every version of ``doc_id``, newest first."""
        doc_id = validate_id(doc_id)
        head = self._tip()
        commits = self._repo.log(head, doc_dir(doc_id)) if head else []
        if not commits:
            raise StoreError(f"no document {doc_id!r} in the store {self.path}")
        metas = self._repo.read_many([f"{commit}:{doc_file(doc_id, META)}" for commit in commits])
        return [self._decode(data, commit, doc_id) for data, commit in zip(metas, commits, strict=True)]

    def clauses_of(self, versions: list[Version]) -> list[list[str]]:
        """The clause lines of each of ``versions``, read by one git process."""
        blobs = self._repo.read_many([f"{v.commit}:{doc_file(v.doc_id, CLAUSES)}" for v in versions])
        return [self._clause_lines(v, self._present(v, CLAUSES, data)) for v, data in zip(versions, blobs, strict=True)]

    def version(self, doc_id: str, rev: Rev = LATEST) -> Version:
        """The version of ``doc_id`` named by ``rev``."""
        doc_id = validate_id(doc_id)
        if rev == LATEST:
            head = self._tip()
            commit = self._repo.last_change(head, doc_dir(doc_id)) if head else None
            if commit is None:
                raise StoreError(f"no document {doc_id!r} in the store {self.path}")
            return self._required(commit, doc_id)
        return select(self.log(doc_id), rev)

    @property
    def repo(self) -> GitRepo:
        """The underlying repository (for corpus/store/check.py)."""
        return self._repo

    def original(self, version: Version) -> bytes:
        """The bytes of ``version`` exactly as they were added."""
        return self._file(version, ORIGINAL)

    def clauses(self, version: Version) -> list[str]:
        """The clause lines of ``version`` (its clauses.txt)."""
        return self._clause_lines(version, self._file(version, CLAUSES))

    def document(self, version: Version, options: Options = STORE_OPTIONS) -> Document:
        """``version`` read and normalized again (as ``add`` did, by default), named ``ID@N.ext``."""
        from corpus.pipeline import from_source
        from corpus.read import source_from_bytes

        name = f"{version.doc_id}@{version.number}{PurePath(version.name).suffix}"
        source = source_from_bytes(name, self.original(version), strict_decode=options.strict_decode)
        return from_source(source, options)

    # -- helpers -------------------------------------------------------------------------------------

    def _tip(self) -> str | None:
        """The branch tip, checked (corpus/store/tip.py): None in a new store; a damaged one is refused."""
        return verified_tip(self._repo)

    def _state_at(self, commit: str, doc_id: str) -> Version | None:
        """The metadata of ``doc_id`` as it stands at ``commit``, or None if it has none there.

        Its ``commit`` field is ``commit`` (where its files can be read), which is the commit
        that recorded the version only when ``commit`` is one of the document's log.
        """
        data = self._repo.read(f"{commit}:{doc_file(doc_id, META)}")
        if data is None:
            if self._repo.tree(f"{commit}:{doc_dir(doc_id)}") is not None:
                raise StoreError(f"{self.path}: {doc_id}: meta.json is missing; {_CHECK}")
            return None
        return meta.decode(data, commit, f"{self.path}: {doc_id} at {commit[:10]}")

    def _required(self, commit: str, doc_id: str) -> Version:
        return self._decode(self._repo.read(f"{commit}:{doc_file(doc_id, META)}"), commit, doc_id)

    def _decode(self, data: bytes | None, commit: str, doc_id: str) -> Version:
        """The version whose meta.json is ``data``, recorded by ``commit``."""
        if data is None:
            raise StoreError(f"{self.path}: {doc_id} has no meta.json at {commit[:10]}; {_CHECK}")
        return meta.decode(data, commit, f"{self.path}: {doc_id} at {commit[:10]}")

    def _file(self, version: Version, name: str) -> bytes:
        data = self._repo.read(f"{version.commit}:{doc_file(version.doc_id, name)}")
        return self._present(version, name, data)

    def _present(self, version: Version, name: str, data: bytes | None) -> bytes:
        if data is None:
            raise StoreError(
                f"{self.path}: {version.doc_id}@{version.number}: {name} is missing; {_CHECK}"
            )
        return data

    def _clause_lines(self, version: Version, data: bytes) -> list[str]:
        try:
            return decode_clauses(data)
        except UnicodeDecodeError as exc:
            raise StoreError(f"{version.doc_id}@{version.number}: clauses.txt is not UTF-8") from exc


def _existing(where: Path) -> GitRepo:
    """The store's repository at ``where``: a `StoreError` if there is none or it is not a store."""
    if not where.is_dir():
        raise StoreError(f"{where}: no store there ('wendiff store add FILE' creates one)")
    repo = GitRepo.open(where)
    if repo.config(MARKER_KEY) != LAYOUT_VERSION:
        repo.close()
        raise StoreError(f"{where}: a git repository but not a wendiff store")
    return repo


def commit_subject(version: Version) -> str:
    """First line of a version's commit message: ``ID: +3 ~5 -1 ↔2 (v4)``."""
    if version.stats is None:
        return f"{version.doc_id}: new document, {version.clauses} clauses (v{version.number})"
    return f"{version.doc_id}: {version.stats.short()} (v{version.number})"


def _identity(version: Version | None) -> tuple[int, str] | None:
    """What says two reads found the same latest version: its number and content."""
    return None if version is None else (version.number, version.sha256)

"""The store's only door to git: a bare repository driven through GitPython.

Rules:

* This is the only module that imports GitPython (and its gitdb), lazily, on
  first use; nothing it returns is a GitPython object: hex ids, bytes, tuples.
* Every git failure becomes a `StoreError` that names the repository and what
  failed (``raise … from exc``). A repository owned by another user, which git
  refuses ("dubious ownership"), is refused on opening with that reason and
  the fix (``safe.directory``), never reported as corrupt.
* Objects are written in-process by gitdb's loose-object database (GitPython's
  own ``GitCmdObjectDB.store`` would start a ``git hash-object`` per object):
  each is written to a temporary file and renamed into place, so an object is
  either absent or whole. Writers write objects outside the store lock while
  another process's ``git gc`` may remove an empty fan-out folder under them:
  a rename that finds its folder gone writes the object again. The branch moves only through
  ``git update-ref BRANCH NEW OLD``, git's compare-and-swap: a writer killed at
  any moment leaves the branch at the old or the new commit, and at worst some
  unreferenced objects that ``git fsck`` calls dangling.
* Nothing in a store runs a program: a store may come from anyone, and git
  runs hooks and the programs its config names. Every git process this module
  starts (GitPython's and its own, and the processes git starts in turn) gets
  `_SAFE_ENVIRONMENT`: command-line-level config (``GIT_CONFIG_*``, which beats
  the store's own config) that points ``core.hooksPath`` at nothing, turns off
  ``core.fsmonitor``, signature checks, transports and detached ``gc``, and
  names no pager or editor; log is run with ``--no-ext-diff --no-textconv``.
  `_guarded` is the one place a GitPython ``Git`` gets it.
* Single reads go through one long-lived ``git cat-file --batch`` process per
  open repository (GitPython's); `read_many` hands all its requests to one
  ``git cat-file --batch`` at once, so reading a thousand blobs costs one
  process and no round trips.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corpus.store.errors import StoreError
from corpus.store.paths import BRANCH

if TYPE_CHECKING:
    import git

__all__ = [
    "BLOB_MODE", "IDENTITY", "PACK_THRESHOLD", "TREE_MODE", "BranchMoved", "DamagedStore", "GitRepo", "TreeEntry",
]

BLOB_MODE = "100644"
TREE_MODE = "40000"
IDENTITY = "wendiff <wendiff@localhost>"
"""Author and committer of every version: the store records who added nothing but the time."""
_ZERO = "0" * 40
PACK_THRESHOLD = 1000
"""Loose objects (about five per version) above which an add packs them."""
_WRITE_ATTEMPTS = 5
"""Writes of one object before a vanishing folder (a concurrent ``git gc``) is an error."""
_SAFE_CONFIG = {
    "core.hooksPath": os.devnull,  # no hook (reference-transaction, pre-auto-gc …) is ever found
    "core.fsmonitor": "false",
    "core.attributesFile": os.devnull,
    "core.pager": "cat",
    "core.editor": ":",
    "log.showSignature": "false",  # would run gpg.program on a signed commit
    "protocol.allow": "never",  # no transport, so no core.sshCommand, gitProxy or credential helper
    "gc.autoDetach": "false",  # no git process outlives the command that started it
    "maintenance.auto": "false",
}
"""Config given on git's command line level, above the store's own: what keeps a store from running programs."""
_SAFE_ENVIRONMENT = {
    "GIT_CONFIG_COUNT": str(len(_SAFE_CONFIG)),
    **{f"GIT_CONFIG_KEY_{i}": key for i, key in enumerate(_SAFE_CONFIG)},
    **{f"GIT_CONFIG_VALUE_{i}": value for i, value in enumerate(_SAFE_CONFIG.values())},
    # The same as `git -c` passes it to the processes it starts; read by git before 2.31 too.
    "GIT_CONFIG_PARAMETERS": " ".join(f"'{key}={value}'" for key, value in _SAFE_CONFIG.items()),
    "GIT_PAGER": "cat",
    "GIT_EDITOR": ":",
    "GIT_TERMINAL_PROMPT": "0",
}
_LOG = ("--no-ext-diff", "--no-textconv", "--no-show-signature")
"""Options of every ``git log``: no external diff, textconv filter or gpg run on the store's say."""
_OBJECT_ID = re.compile(rb"[0-9a-f]{40}|[0-9a-f]{64}")
_TEMP_PREFIX = "obj"
"""gitdb writes each loose object to ``objects/obj*`` first, then renames it into place."""


class BranchMoved(StoreError):
    """The branch was not where the compare-and-swap expected it, or another git process held it."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(f"the branch {BRANCH} {reason}" if reason.startswith("it") else reason)


class DamagedStore(StoreError):
    """The store's branch or the tree it points to is not what a store is: refused until checked."""

    def __init__(self, path: Path, problem: str) -> None:
        self.problem = problem
        super().__init__(f"{path}: damaged store: {problem}; run 'wendiff store check'")


@dataclass(frozen=True)
class TreeEntry:
    """One entry of a git tree."""

    mode: str
    """``100644`` for a file, ``40000`` for a folder."""
    name: str
    sha: str
    """Hex id of the blob or tree."""

    @property
    def is_tree(self) -> bool:
        return self.mode == TREE_MODE


def _git() -> Any:
    """The ``git`` package (GitPython), imported on first use."""
    try:
        import git
    except ImportError as exc:  # pragma: no cover - GitPython is a dependency; git itself may be missing
        raise StoreError(f"cannot use git: {exc}") from exc
    return git


class GitRepo:
    """A bare git repository holding a store."""

    def __init__(self, repo: git.Repo, path: Path) -> None:
        from gitdb import LooseObjectDB

        self._repo = repo
        self._objects = LooseObjectDB(str(Path(repo.git_dir) / "objects"))
        self.path = path

    # -- opening -------------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path) -> GitRepo:
        """The bare repository at ``path``; a `StoreError` if there is none."""
        git = _git()
        try:
            repo = git.Repo(str(path))
        except (git.exc.InvalidGitRepositoryError, git.exc.NoSuchPathError) as exc:
            raise StoreError(f"{path}: not a git repository") from exc
        _guarded(repo.git)
        if not repo.bare:
            repo.close()
            raise StoreError(f"{path}: a git working tree, not a store (a store is a bare repository)")
        _check_ownership(repo, path)
        return cls(repo, path)

    @classmethod
    def create_beside(cls, path: Path, config: dict[str, str]) -> GitRepo:
        """A new bare repository with ``config`` set, in a temporary folder beside ``path``, to `publish` there.

        Until then it is this process's alone: no other process knows its name.
        """
        git = _git()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.new-", dir=path.parent))
        except OSError as exc:
            raise StoreError(f"{path}: cannot create the store: {exc.strerror or exc}") from exc
        try:
            _guarded(git.Git(str(tmp))).execute(["git", "init", "--quiet", "--bare", "--initial-branch=main", str(tmp)])
            repo = git.Repo(str(tmp))
            _guarded(repo.git)
            with repo.config_writer() as writer:
                for key, value in config.items():
                    section, _, option = key.rpartition(".")
                    writer.set_value(section, option, value)
        except git.exc.GitCommandError as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            raise StoreError(f"{path}: cannot create the store: {_stderr(exc)}") from exc
        except OSError as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            raise StoreError(f"{path}: cannot create the store: {exc.strerror or exc}") from exc
        return cls(repo, path)

    def publish(self) -> GitRepo | None:
        """Rename this repository (from `create_beside`) into place at ``path``, absent or an empty folder.

        The repository now there, open; None if another process put one there first (this one is
        then removed: it was this process's alone). Either way this `GitRepo` is closed.
        """
        folder = self.folder
        self.close()
        try:
            os.rename(folder, self.path)
        except OSError as exc:
            shutil.rmtree(folder, ignore_errors=True)
            try:
                taken = self.path.is_dir() and any(self.path.iterdir())
            except OSError:
                taken = False
            if taken:
                return None
            raise StoreError(f"{self.path}: cannot create the store: {exc.strerror or exc}") from exc
        return GitRepo.open(self.path)

    def discard(self) -> None:
        """Close and remove a repository from `create_beside` that was never published."""
        self.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    @property
    def folder(self) -> Path:
        """The folder the repository is in now (``path``, or the temporary one of `create_beside`)."""
        return Path(self._repo.git_dir)

    def close(self) -> None:
        """Stop the helper git processes."""
        self._repo.close()

    def config(self, key: str) -> str | None:
        """Value of a config entry of the repository, or None."""
        section, _, option = key.rpartition(".")
        reader = self._repo.config_reader("repository")
        try:
            return str(reader.get_value(section, option))
        except Exception:
            return None

    # -- reading -------------------------------------------------------------------------------------

    def head(self) -> str | None:
        """The object id `BRANCH` names (see corpus/store/tip.py for the checks of what it names).

        None in a new store: no loose ref, none in ``packed-refs``, and no reflog of versions. A
        ref that holds no object id, a malformed ``packed-refs`` line, or a branch gone while its
        reflog remains is a `DamagedStore`. The loose ref is read first: ``git pack-refs`` writes
        ``packed-refs`` before it removes the loose file, so a reader never misses a moving branch.
        """
        git_dir = Path(self._repo.git_dir)
        try:
            loose = (git_dir / BRANCH).read_bytes()
        except FileNotFoundError:
            loose = None
        except OSError as exc:
            raise DamagedStore(self.path, f"cannot read the branch {BRANCH}: {exc.strerror or exc}") from exc
        packed = _packed_ref(git_dir / "packed-refs", BRANCH, self.path)
        if loose is not None:
            if not _OBJECT_ID.fullmatch(loose.strip()):
                raise DamagedStore(self.path, f"the branch {BRANCH} holds no object id")
            return loose.strip().decode("ascii")
        if packed is not None:
            return packed
        try:
            logged = (git_dir / "logs" / BRANCH).stat().st_size > 0
        except OSError:
            logged = False
        if logged:
            raise DamagedStore(self.path, f"the branch {BRANCH} is gone, but its reflog records versions")
        return None

    def read(self, spec: str) -> bytes | None:
        """Content of the object ``spec`` (``SHA`` or ``COMMIT:path``), or None if absent."""
        found = self.read_object(spec)
        return None if found is None else found[1]

    def read_object(self, spec: str) -> tuple[str, bytes] | None:
        """Type and content of the object ``spec``, or None if there is no such object or path."""
        try:
            _sha, kind, size, data = self._repo.git.get_object_data(spec)
            if len(data) != size:
                raise ValueError(f"{spec}: read {len(data)} of {size} bytes")
        except ValueError as exc:
            if "missing" in str(exc):  # "<spec> missing": GitPython words it by the spec's spaces
                return None
            self._repo.git.clear_cache()
            raise StoreError(f"{self.path}: cannot read {spec}: corrupt object (see store check)") from exc
        except OSError as exc:
            self._repo.git.clear_cache()
            raise StoreError(f"{self.path}: git cannot read {spec}: {exc}") from exc
        return (kind.decode("ascii") if isinstance(kind, bytes) else str(kind)), bytes(data)

    def read_many(self, specs: list[str]) -> list[bytes | None]:
        """Contents of the objects ``specs`` (None where absent), read by one git process."""
        if not specs:
            return []
        from subprocess import PIPE

        request = "".join(f"{spec}\n" for spec in specs).encode("utf-8")
        try:
            process = self._repo.git.cat_file("--batch", as_process=True, istream=PIPE)
            out, err = process.proc.communicate(request)
        except OSError as exc:
            raise StoreError(f"{self.path}: git cat-file failed: {exc}") from exc
        if process.proc.returncode:
            problem = err.decode("utf-8", "replace").strip().splitlines()
            raise StoreError(f"{self.path}: cannot read objects: {problem[0] if problem else 'git cat-file failed'}")
        return _parse_batch(out, len(specs), self.path)

    def tree(self, spec: str) -> list[TreeEntry] | None:
        """Entries of the tree ``spec``, or None if absent (or not a tree)."""
        found = self.read_object(spec)
        if found is None or found[0] != "tree":
            return None
        return _parse_tree(found[1])

    def log(self, tip: str, path: str) -> list[str]:
        """Commits from ``tip`` back that change ``path`` (a literal path), newest first."""
        out = self._run("log", *_LOG, "--format=%H", tip, "--", f":(literal){path}")
        return out.split()

    def last_change(self, tip: str, path: str) -> str | None:
        """The newest commit from ``tip`` back that changes ``path``, or None."""
        out = self._run("log", *_LOG, "-1", "--format=%H", tip, "--", f":(literal){path}")
        return out.strip() or None

    def last_changes(self, tip: str, folder: str) -> dict[str, str]:
        """For each entry of ``folder``, the newest commit from ``tip`` back that changes it (one walk)."""
        out = self._run(
            "-c", "core.quotePath=false", "log", *_LOG, "--no-renames", "--format=commit %H", "--name-only", tip,
            "--", f":(literal){folder}",
        )
        newest: dict[str, str] = {}
        commit = ""
        for line in out.splitlines():
            if line.startswith("commit "):
                commit = line.split()[1]
            elif line.startswith(f"{folder}/"):
                newest.setdefault(line[len(folder) + 1 :].split("/")[0], commit)
        return newest

    def history(self, tip: str) -> list[tuple[str, list[str], list[str]]]:
        """Every commit from the root to ``tip``: (commit, parents, paths it changes)."""
        out = self._run(
            "-c", "core.quotePath=false", "log", *_LOG, "--reverse", "--no-renames", "--format=commit %H %P",
            "--name-only", tip,
        )
        commits: list[tuple[str, list[str], list[str]]] = []
        for line in out.splitlines():
            if line.startswith("commit "):
                ids = line.split()[1:]
                commits.append((ids[0], ids[1:], []))
            elif line and commits:
                commits[-1][2].append(line)
        return commits

    def fsck(self) -> tuple[bool, list[str]]:
        """Run ``git fsck``: whether it passed, and what it reported (dangling objects left out)."""
        status, out, err = self._repo.git.execute(
            ["git", "fsck", "--full", "--strict", "--no-dangling", "--no-progress"],
            with_extended_output=True, with_exceptions=False,
        )
        lines = [line for line in (str(out) + "\n" + str(err)).splitlines() if line.strip()]
        return status == 0, lines

    def temporary_objects(self) -> list[Path]:
        """Temporary files of object writes that never finished (a writer was killed)."""
        objects = Path(self._repo.git_dir) / "objects"
        return sorted(p for p in objects.glob(f"{_TEMP_PREFIX}*") if p.is_file())

    # -- writing -------------------------------------------------------------------------------------

    def write_blob(self, data: bytes) -> str:
        """Store ``data`` as a blob; its hex id."""
        return self._store(b"blob", data)

    def write_tree(self, entries: list[TreeEntry]) -> str:
        """Store a tree of ``entries`` (any order); its hex id."""
        ordered = sorted(entries, key=lambda e: e.name.encode("utf-8") + (b"/" if e.is_tree else b""))
        body = b"".join(
            f"{e.mode} {e.name}".encode() + b"\0" + bytes.fromhex(e.sha) for e in ordered
        )
        return self._store(b"tree", body)

    def write_commit(self, tree: str, parents: list[str], message: str, when: float) -> str:
        """Store a commit of ``tree`` on ``parents`` made at ``when`` (Unix time); its hex id."""
        stamp = f"{IDENTITY} {int(when)} +0000"
        lines = [f"tree {tree}", *(f"parent {p}" for p in parents), f"author {stamp}", f"committer {stamp}"]
        body = "\n".join(lines) + "\n\n" + message.rstrip("\n") + "\n"
        return self._store(b"commit", body.encode("utf-8"))

    def move_head(self, new: str, old: str | None, reason: str) -> None:
        """Point `BRANCH` at ``new`` if it still points at ``old`` (None: does not exist yet).

        Raises `BranchMoved` when the branch is elsewhere or locked by another git process.
        """
        try:
            self._run("update-ref", "-m", reason, BRANCH, new, old or _ZERO)
        except StoreError as exc:
            lock = Path(self._repo.git_dir) / f"{BRANCH}.lock"
            if self.head() != old:
                raise BranchMoved("it moved while this version was being written") from exc
            if lock.exists():
                raise BranchMoved(
                    f"{lock} exists: a git process holds the branch (if none is running, "
                    "one was killed: delete that file)"
                ) from exc
            raise

    def ref(self, name: str) -> str | None:
        """The commit a ref other than `BRANCH` names (the reviewer's data), None when it does not exist."""
        try:
            return self._run("rev-parse", "--verify", "--quiet", f"{name}^{{commit}}").strip() or None
        except StoreError:
            return None

    def move_ref(self, name: str, new: str, old: str | None, reason: str) -> None:
        """Point the ref ``name`` at ``new`` if it still points at ``old`` (git's compare-and-swap)."""
        try:
            self._run("update-ref", "-m", reason, name, new, old or _ZERO)
        except StoreError as exc:
            raise BranchMoved(f"{name} moved while it was being written") from exc

    def pack_if_needed(self) -> None:
        """Run ``git gc --auto`` when there are more than about `PACK_THRESHOLD` loose objects.

        The estimate is git's own: the number of objects in ``objects/17`` times 256.
        """
        sample = Path(self._repo.git_dir) / "objects" / "17"
        try:
            count = len(os.listdir(sample))
        except FileNotFoundError:
            return
        if count * 256 > PACK_THRESHOLD:
            self._run("gc", "--auto", "--quiet")

    # -- helpers -------------------------------------------------------------------------------------

    def _store(self, kind: bytes, data: bytes) -> str:
        from gitdb import IStream

        for attempt in range(_WRITE_ATTEMPTS):
            try:
                stored = self._objects.store(IStream(kind, len(data), io.BytesIO(data)))
                return bytes(stored.binsha).hex()
            except FileNotFoundError as exc:
                # Another process's git gc removed the empty fan-out folder (objects/64/) between
                # gitdb's makedirs and its rename: write again (the object is whole or absent).
                if attempt + 1 == _WRITE_ATTEMPTS:
                    raise StoreError(f"{self.path}: cannot write a git object: {exc.strerror or exc}") from exc
            except OSError as exc:
                raise StoreError(f"{self.path}: cannot write a git object: {exc.strerror or exc}") from exc
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _run(self, *args: str) -> str:
        git = _git()
        try:
            return str(self._repo.git.execute(["git", *args], strip_newline_in_stdout=False))
        except git.exc.GitCommandError as exc:
            command = next(a for a in args if not a.startswith("-") and "=" not in a)
            raise StoreError(f"{self.path}: git {command} failed: {_stderr(exc)}") from exc


def _packed_ref(path: Path, ref: str, where: Path) -> str | None:
    """The object id ``packed-refs`` at ``path`` gives ``ref``, or None; a malformed file is a `DamagedStore`."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise DamagedStore(where, f"cannot read packed-refs: {exc.strerror or exc}") from exc
    found = None
    for number, line in enumerate(data.splitlines(), 1):
        sha, _, name = line.partition(b" ")
        if (number == 1 and line.startswith(b"# pack-refs with:")) or (
            line.startswith(b"^") and _OBJECT_ID.fullmatch(line[1:])
        ):
            continue
        if not _OBJECT_ID.fullmatch(sha) or not name or b"\0" in name:
            raise DamagedStore(where, f"packed-refs line {number} is not a ref")
        if name == ref.encode("ascii"):
            found = sha.decode("ascii")
    return found


def _guarded(runner: Any) -> Any:
    """``runner`` (a GitPython ``Git``), set to give every git process it starts `_SAFE_ENVIRONMENT`."""
    runner.update_environment(**_SAFE_ENVIRONMENT)
    return runner


def _check_ownership(repo: Any, path: Path) -> None:
    """Refuse a repository git will not use because another user owns it ("dubious ownership"), saying so.

    Only a repository owned by someone else costs a git process (``git rev-parse``) to ask.
    """
    try:
        owner = os.stat(path).st_uid
    except OSError:
        return
    if not hasattr(os, "geteuid") or owner == os.geteuid():
        return
    git = _git()
    try:
        repo.git.execute(["git", "rev-parse", "--git-dir"])
    except git.exc.GitCommandError as exc:
        if "dubious ownership" not in str(exc.stderr):
            return
        repo.close()
        raise StoreError(
            f"{path}: owned by another user (uid {owner}), so git refuses it (\"dubious ownership\"); run wendiff "
            f"as its owner, or trust it with: git config --global --add safe.directory {path}"
        ) from exc


def _stderr(exc: Any) -> str:
    """The first meaningful line git wrote on stderr."""
    text = str(getattr(exc, "stderr", "") or exc).strip().strip("'")
    for line in text.splitlines():
        line = line.strip().removeprefix("stderr:").strip().strip("'")
        if line:
            return line
    return "unknown error"


def _parse_batch(out: bytes, count: int, where: Path) -> list[bytes | None]:
    """The objects in ``git cat-file --batch`` output: a header line, the content, a newline."""
    found: list[bytes | None] = []
    pos = 0
    for _ in range(count):
        end = out.find(b"\n", pos)
        header = out[pos:end].split()
        if end < 0 or not header:
            raise StoreError(f"{where}: git cat-file stopped early (a corrupt object?)")
        if header[-1] in (b"missing", b"ambiguous") or len(header) != 3:
            found.append(None)
            pos = end + 1
            continue
        size = int(header[2])
        found.append(out[end + 1 : end + 1 + size])
        if end + 1 + size > len(out):
            raise StoreError(f"{where}: git cat-file stopped early (a corrupt object?)")
        pos = end + 1 + size + 1
    return found


def _parse_tree(data: bytes) -> list[TreeEntry]:
    entries: list[TreeEntry] = []
    pos = 0
    while pos < len(data):
        space = data.index(b" ", pos)
        nul = data.index(b"\0", space)
        mode = data[pos:space].decode("ascii")
        name = data[space + 1 : nul].decode("utf-8", errors="surrogateescape")
        entries.append(TreeEntry(mode, name, data[nul + 1 : nul + 21].hex()))
        pos = nul + 21
    return entries

"""The store as a library: add, list, log, show and the git repository underneath."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import pytest

from corpus.store import LATEST, Rev, Store, StoreError
from corpus.store.derive import decode_clauses
from diffing.versions import open_store

from .conftest import git


def test_a_new_store_appears_with_its_first_version_as_a_bare_repository(
    store_path: Path, holiday: tuple[Path, Path]
) -> None:
    assert not store_path.exists()
    with open_store(store_path) as store:
        assert store.documents() == []
    assert not store_path.exists()
    assert list(store_path.parent.iterdir()) == []  # nor its temporary folder
    with open_store(store_path) as store:
        store.add_file(holiday[0], doc_id="holiday")
        assert store_path.is_dir()
    assert git(store_path, "rev-parse", "--is-bare-repository").stdout.strip() == "true"


def test_the_default_store_comes_from_the_environment(tmp_path: Path, holiday: tuple[Path, Path]) -> None:
    with open_store() as store:
        store.add_file(holiday[0], doc_id="holiday")
    assert (tmp_path / "env-store" / "HEAD").is_file()


def test_a_store_opened_without_the_clause_engine_reads_but_does_not_add(
    store_path: Path, holiday: tuple[Path, Path]
) -> None:
    with open_store(store_path) as store:
        store.add_file(holiday[0], doc_id="h")
    with Store.open(store_path, create=False) as reader:
        assert [v.number for v in reader.log("h")] == [1]
        with pytest.raises(TypeError, match="without a ClauseAnalysis"):
            reader.add_file(holiday[1], doc_id="h")
        assert [v.number for v in reader.log("h")] == [1]


def test_a_folder_holding_other_files_is_not_turned_into_a_store(tmp_path: Path) -> None:
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    with pytest.raises(StoreError, match="not a git repository"):
        Store.open(folder)
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


def test_a_foreign_bare_repository_is_not_used_as_a_store(tmp_path: Path) -> None:
    other = tmp_path / "other.git"
    git(tmp_path, "init", "-q", "--bare", str(other))
    with pytest.raises(StoreError, match="not a wendiff store"):
        Store.open(other)


def test_versions_are_numbered_and_keep_the_exact_bytes(store: Store, holiday: tuple[Path, Path]) -> None:
    first = store.add_file(holiday[0], doc_id="holiday", date="2013-12-11", source="http://gov.cn/a")
    second = store.add_file(holiday[1], doc_id="holiday", message="2024 revision")
    assert (first.created, second.created) == (True, True)
    assert (first.version.number, second.version.number) == (1, 2)
    assert store.original(store.version("holiday", Rev("number", 1))) == holiday[0].read_bytes()
    assert store.original(store.version("holiday")) == holiday[1].read_bytes()
    latest = store.version("holiday")
    assert latest.sha256 == hashlib.sha256(holiday[1].read_bytes()).hexdigest()
    assert (latest.message, latest.name) == ("2024 revision", "b.txt")
    assert latest.title == "全国年节及纪念日放假办法"
    assert store.version("holiday", Rev("number", 1)).source == "http://gov.cn/a"


def test_identical_content_creates_no_version(store: Store, holiday: tuple[Path, Path]) -> None:
    store.add_file(holiday[0], doc_id="holiday")
    again = store.add(holiday[0].read_bytes(), "copy-of-a.txt", doc_id="holiday")
    assert not again.created
    assert again.version.number == 1
    assert len(store.log("holiday")) == 1


def test_log_is_newest_first_with_clause_stats_against_the_previous_version(
    store: Store, holiday: tuple[Path, Path]
) -> None:
    store.add_file(holiday[0], doc_id="holiday")
    store.add_file(holiday[1], doc_id="holiday")
    newest, oldest = store.log("holiday")
    assert (newest.number, oldest.number) == (2, 1)
    assert oldest.stats is None
    assert newest.stats is not None
    # The 2024 revision adds the 除夕 holiday and lengthens several holidays: both insertions and rewordings.
    assert newest.stats.inserted > 0
    assert newest.stats.modified > 0
    assert newest.stats.equal > 0
    assert 0 < newest.stats.similarity < 1


def test_the_default_id_is_the_document_number(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "notice.txt"
    path.write_text("渝规资〔2021〕428号\n各区县规划和自然资源主管部门：\n现印发实施意见。\n", "utf-8")
    result = store.add_file(path)
    assert result.version.doc_id == "渝规资〔2021〕428号"
    assert result.version.title == ""  # neither the 文号 nor the addressee is a title: this notice has none


def test_the_default_title_is_the_notices_heading_line_not_its_number_or_addressee(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "notice.txt"
    heading = "关于全面深化川渝两地国土空间生态修复领域合作的实施意见"
    path.write_text(f"渝规资〔2021〕428号\n{heading}\n各区县规划和自然资源主管部门：\n现印发实施意见。\n", "utf-8")
    assert store.add_file(path).version.title == heading


def test_documents_lists_each_document_with_its_latest_version(
    store: Store, holiday: tuple[Path, Path], tribunal: tuple[Path, Path]
) -> None:
    store.add_file(holiday[0], doc_id="holiday")
    store.add_file(tribunal[0], doc_id="tribunal", date="2018-12-27")
    store.add_file(holiday[1], doc_id="holiday")
    infos = store.documents()
    assert [(i.doc_id, i.versions) for i in infos] == [("holiday", 2), ("tribunal", 1)]
    assert infos[1].when == "2018-12-27"
    assert infos[1].title == "最高人民法院关于知识产权法庭若干问题的规定"


def test_revisions_by_number_by_count_back_and_by_commit(store: Store, holiday: tuple[Path, Path]) -> None:
    store.add_file(holiday[0], doc_id="h")
    second = store.add_file(holiday[1], doc_id="h").version
    assert store.version("h", Rev("back", 1)).number == 1
    assert store.version("h", LATEST) == second
    assert store.version("h", Rev("commit", second.commit[:8])) == second
    with pytest.raises(StoreError, match="has versions 1 to 2"):
        store.version("h", Rev("number", 3))
    with pytest.raises(StoreError, match="only 2 version"):
        store.version("h", Rev("back", 2))


def test_an_unknown_document_is_a_clear_error(store: Store) -> None:
    with pytest.raises(StoreError, match="no document 'nope'"):
        store.log("nope")


def test_bad_input_leaves_the_store_untouched(
    store: Store, store_path: Path, holiday: tuple[Path, Path]
) -> None:
    store.add_file(holiday[0], doc_id="holiday")
    head = git(store_path, "rev-parse", "main").stdout
    with pytest.raises(StoreError):
        store.add_file(holiday[1], doc_id="../escape")
    with pytest.raises(StoreError):
        store.add_file(holiday[1], doc_id="holiday", date="2024-13-01")
    assert git(store_path, "rev-parse", "main").stdout == head


def test_plain_git_reads_the_store(store: Store, store_path: Path, holiday: tuple[Path, Path]) -> None:
    store.add_file(holiday[0], doc_id="holiday")
    store.add_file(holiday[1], doc_id="holiday")
    subjects = git(store_path, "log", "--format=%s", "main").stdout.splitlines()
    assert subjects[0].startswith("holiday: +") and subjects[0].endswith("(v2)")
    first = store.version("holiday", Rev("number", 1))
    assert subjects[1] == f"holiday: new document, {first.clauses} clauses (v1)"
    shown = subprocess.run(
        ["git", "-C", str(store_path), "show", "main:docs/holiday/original"], capture_output=True, check=True
    ).stdout
    assert shown == holiday[1].read_bytes()
    files = git(store_path, "ls-tree", "--name-only", "main:docs/holiday").stdout.split()
    assert files == ["clauses.txt", "meta.json", "original"]


def test_clauses_txt_holds_one_normalized_clause_per_line(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "law.txt"
    path.write_text("第一条　為了規範管理，制定本辦法。\n第二条　本办法自公布之日起施行。\n", "utf-8")
    version = store.add_file(path, doc_id="law").version
    lines = store.clauses(version)
    # 簡→简, full-width comma → half width, the article label a clause of its own
    assert lines == ["第一条", "为了规范管理,制定本办法。", "第二条", "本办法自公布之日起施行。"]
    assert version.clauses == 4
    assert decode_clauses("".join(f"{x}\n" for x in lines).encode()) == lines


def test_a_versions_commit_is_the_one_that_recorded_it(
    store: Store, holiday: tuple[Path, Path], tribunal: tuple[Path, Path]
) -> None:
    recorded = store.add_file(holiday[0], doc_id="holiday").version.commit
    store.add_file(tribunal[0], doc_id="tribunal")
    assert store.version("holiday").commit == recorded
    assert store.add_file(holiday[0], doc_id="holiday").version.commit == recorded
    assert store.log("holiday")[0].commit == recorded


def test_loose_objects_are_packed_once_past_the_threshold(
    store: Store, store_path: Path, holiday: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import corpus.store.gitrepo

    store.add_file(holiday[0], doc_id="holiday")
    git(store_path, "config", "gc.auto", "1")
    monkeypatch.setattr(corpus.store.gitrepo, "PACK_THRESHOLD", 0)
    for data in _blobs_named_17(2):  # git estimates loose objects from objects/17, as after many adds
        subprocess.run(["git", "-C", str(store_path), "hash-object", "-w", "--stdin"], input=data, check=True)
    store.add_file(holiday[1], doc_id="holiday")
    assert list((store_path / "objects" / "pack").glob("*.pack"))
    assert store.original(store.version("holiday", Rev("number", 1))) == holiday[0].read_bytes()


def _blobs_named_17(count: int) -> list[bytes]:
    """Contents whose git blob ids start with 17."""
    found = []
    for i in range(100_000):
        data = b"%d" % i
        if hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest().startswith("17"):
            found.append(data)
            if len(found) == count:
                break
    return found


def test_a_docx_version_keeps_its_bytes_and_is_read_as_a_docx_again(store: Store, tmp_path: Path) -> None:
    import docx

    paths = []
    for k, body in enumerate(["第一条　本办法自公布之日起施行。", "第一条　本办法自2025年1月1日起施行。"]):
        document = docx.Document()
        document.add_paragraph("某某管理办法")
        document.add_paragraph(body)
        paths.append(tmp_path / f"v{k}.docx")
        document.save(str(paths[-1]))
    store.add_file(paths[0], doc_id="rules")
    second = store.add_file(paths[1], doc_id="rules").version
    assert store.original(second) == paths[1].read_bytes()
    assert second.stats is not None and second.stats.modified == 1
    assert "本办法自2025年1月1日起施行。" in store.clauses(second)
    assert store.document(second).name == "rules@2.docx"


def test_latest_versions_gives_each_documents_latest_version_with_its_commit(
    store: Store, holiday: tuple[Path, Path], tribunal: tuple[Path, Path]
) -> None:
    assert store.latest_versions() == []
    store.add_file(holiday[0], doc_id="holiday")
    store.add_file(tribunal[0], doc_id="[tribunal] 2018")
    store.add_file(holiday[1], doc_id="holiday")
    store.add_file(tribunal[0], doc_id="[tribunal] 2018")  # identical: no new version
    latest = store.latest_versions()
    assert latest == [store.version("[tribunal] 2018"), store.version("holiday")]
    assert [v.number for v in latest] == [1, 2]

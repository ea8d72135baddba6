"""The 修改决定 of laws made by deleting and inserting whole articles (hypothesis): exactly the items expected."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.markers import to_chinese
from corpus.pipeline import from_text
from diffing.amendments import CLOSING, draft
from diffing.compare import compare
from diffing.draft_text import count, runs
from diffing.table import build_table

BODIES = (
    "国家保护公民的合法财产不受侵犯。",
    "各级人民政府应当加强对安全生产工作的领导。",
    "任何单位和个人不得非法占用耕地。",
    "企业应当依法纳税并接受税务机关的监督检查。",
    "学校应当建立健全学生安全管理制度。",
    "医疗机构应当公开收费项目和标准。",
    "公民有依法参加社会保险的权利和义务。",
    "本办法由国务院有关部门负责解释。",
)
NEW = (
    "县级以上人民政府应当制定应急预案并组织演练。",
    "网络运营者应当保护用户个人信息安全。",
    "禁止在饮用水水源保护区内设置排污口。",
)


def _law(bodies: list[str]) -> str:
    return "\n\n".join(f"第{to_chinese(k)}条 {body}" for k, body in enumerate(bodies, 1)) + "\n"


@st.composite
def _versions(draw: st.DrawFn) -> tuple[list[str], list[str], list[str]]:
    a = draw(st.lists(st.sampled_from(BODIES), min_size=2, max_size=8, unique=True))
    kept = [body for body in a if draw(st.booleans()) or len(a) < 3]
    new = draw(st.lists(st.sampled_from(NEW), max_size=2, unique=True))
    b = list(kept)
    for body in new:
        b.insert(draw(st.integers(min_value=0, max_value=len(b))), body)
    return a, b, new


def _inserted_items(b: list[str], new: list[str]) -> list[str]:
    """One item per run of new articles in B: 增加一条 for one, 增加两条，分别作为… for two in a row."""
    groups: list[list[int]] = []
    for k, body in enumerate(b, 1):
        if body in new:
            if groups and groups[-1][-1] == k - 1:
                groups[-1].append(k)
            else:
                groups.append([k])
    items = []
    for run in groups:
        if len(run) == 1:
            items.append(f"增加一条，作为第{to_chinese(run[0])}条：“{b[run[0] - 1]}”")
        else:
            labels = [f"第{to_chinese(k)}条" for k in run]
            quotes = "\n".join(f"“{label} {b[k - 1]}”" for label, k in zip(labels, run, strict=True))
            items.append(f"增加{count(len(run))}条，分别作为{runs(labels)}：{quotes}")
    return items


@settings(max_examples=60, deadline=None)
@given(_versions())
def test_deleted_and_inserted_articles_are_the_only_items(versions: tuple[list[str], list[str], list[str]]) -> None:
    a, b, new = versions
    diff = compare(from_text(_law(a), "a.txt"), from_text(_law(b), "b.txt"))
    decision = draft(diff, style="state-council")  # renumbering stated after the items
    gone = [k for k, body in enumerate(a, 1) if body not in b]
    deleted = [f"第{to_chinese(k)}条" for k in gone]
    groups: list[list[str]] = []  # deleted articles in a row are one item
    for k in gone:
        if groups and f"第{to_chinese(k - 1)}条" == groups[-1][-1]:
            groups[-1].append(f"第{to_chinese(k)}条")
        else:
            groups.append([f"第{to_chinese(k)}条"])
    inserted = _inserted_items(b, new)
    assert sorted(item for item in decision.items if item.startswith("增加")) == sorted(inserted)
    removed = [item for item in decision.items if item.startswith("删去")]
    assert removed == [f"删去{runs(group)}。" for group in groups]
    assert len([i for i in decision.items if not i.startswith(("增加", "删去"))]) == 0
    renumbered = any(a.index(body) != b.index(body) for body in a if body in b)
    assert decision.closing == (CLOSING if renumbered else "")
    table = build_table(diff)
    assert len(table.rows) == len(deleted) + len(new)
    assert table.renumbered + table.unchanged == len([body for body in a if body in b])


_REPLACEMENT = st.text(alphabet="国家机关公民权利义务和、的", min_size=0, max_size=4)


def _apply(item: str, body: str) -> str:
    """An item of one article applied to its text, the way a reader of the decision would."""
    import re

    if m := re.fullmatch(r"将第.+?条修改为：“(.*)”", item):
        return m.group(1)
    phrases = re.sub(r"第[^“”]*?[条款项]中的", "", item)
    pattern = r"“([^”]*)”修改为“([^”]*)”|删去((?:“[^”]*”、?)+)|在“([^”]*)”(后|前)增加“([^”]*)”"
    seen = 0
    for m in re.finditer(pattern, phrases):
        seen += 1
        if m.group(1) is not None:
            body = body.replace(m.group(1), m.group(2))
        elif m.group(3) is not None:
            for old in re.findall(r"“([^”]*)”", m.group(3)):
                body = body.replace(old, "")
        else:
            anchor, where, added = m.group(4), m.group(5), m.group(6)
            body = body.replace(anchor, anchor + added if where == "后" else added + anchor)
    assert seen, f"an item of a form this test does not apply: {item}"
    return body


def _assert_one_item_gives(body: str, new_body: str) -> None:
    """Between two other articles, ``body`` edited into ``new_body`` drafts one item (none when nothing
    changed) that, applied to ``body``, gives ``new_body``."""
    others = [x for x in BODIES if x != body][:2]
    a, b = [others[0], body, others[1]], [others[0], new_body, others[1]]
    decision = draft(compare(from_text(_law(a), "a.txt"), from_text(_law(b), "b.txt")))
    if new_body == body:
        assert decision.items == ()
        return
    assert len(decision.items) == 1
    assert _apply(decision.items[0], body) == new_body


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(BODIES), st.data())
def test_an_edited_article_amended_as_drafted_gives_bs_text(body: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(min_value=0, max_value=len(body) - 2))
    end = data.draw(st.integers(min_value=start, max_value=min(len(body) - 1, start + 4)))
    new_body = body[:start] + data.draw(_REPLACEMENT) + body[end:]
    _assert_one_item_gives(body, new_body)


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(BODIES), st.data())
def test_two_edits_in_one_article_amended_as_drafted_give_bs_text(body: str, data: st.DataObject) -> None:
    cut = len(body) // 2
    first = data.draw(st.integers(min_value=0, max_value=cut - 2))
    second = data.draw(st.integers(min_value=cut, max_value=len(body) - 2))
    new_body = (
        body[:first] + data.draw(_REPLACEMENT) + body[first + 1 : second] + data.draw(_REPLACEMENT) + body[second + 1 :]
    )
    _assert_one_item_gives(body, new_body)


def _apply_article(item: str, paragraphs: list[str]) -> list[str]:
    """An item on an article of several 款 applied to its paragraphs, citing 款 as the law counts them."""
    import re

    from corpus.markers import to_int

    def number(text: str) -> int:
        value = to_int(text)
        assert value is not None
        return value

    out = list(paragraphs)
    if m := re.fullmatch(r"将第.+?条修改为：(.*)", item, re.S):
        return [line.strip("“”") for line in m.group(1).split("\n")]
    if m := re.fullmatch(r"删去第.+?条第(.+?)款。", item):
        del out[number(m.group(1)) - 1]
        return out
    if m := re.fullmatch(r"在第.+?条中增加一款，作为第(.+?)款：“(.*)”", item):
        out.insert(number(m.group(1)) - 1, m.group(2))
        return out
    if m := re.fullmatch(r"将第.+?条第(.+?)款修改为：“(.*)”", item):
        out[number(m.group(1)) - 1] = m.group(2)
        return out
    if m := re.match(r"(?:将|删去|在)第.+?条第(.+?)款中的", item):
        k = number(m.group(1)) - 1
        out[k] = _apply(item, out[k])
        return out
    joined = _apply(item, "\n".join(out))
    return joined.split("\n")


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(BODIES), min_size=2, max_size=4, unique=True), st.data())
def test_an_article_of_several_kuan_amended_as_drafted_gives_bs_paragraphs(
    paragraphs: list[str], data: st.DataObject
) -> None:
    change = data.draw(st.sampled_from(["edit", "delete", "insert"]))
    k = data.draw(st.integers(min_value=0, max_value=len(paragraphs) - 1))
    new = list(paragraphs)
    if change == "edit":
        body = new[k]
        start = data.draw(st.integers(min_value=0, max_value=len(body) - 2))
        new[k] = body[:start] + data.draw(_REPLACEMENT) + body[start + 2 :]
    elif change == "delete":
        del new[k]
    else:
        new.insert(k, data.draw(st.sampled_from(NEW)))
    first = "第一条 为了规范管理，制定本法。\n\n"
    last = "\n\n第三条 本法自公布之日起施行。\n"
    a = first + "第二条 " + "\n\n".join(paragraphs) + last
    b = first + "第二条 " + "\n\n".join(new) + last
    decision = draft(compare(from_text(a, "a.txt"), from_text(b, "b.txt")))
    if new == paragraphs:
        assert decision.items == ()
        return
    result = list(paragraphs)
    for item in decision.items:
        result = _apply_article(item, result)
    assert result == new

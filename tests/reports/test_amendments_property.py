"""The 修改决定 of laws made by deleting and inserting whole articles (hypothesis): exactly the items expected."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.pipeline import from_text
from diffing.amendments import CLOSING, draft
from diffing.compare import compare
from diffing.numerals import to_chinese
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


@settings(max_examples=60, deadline=None)
@given(_versions())
def test_deleted_and_inserted_articles_are_the_only_items(versions: tuple[list[str], list[str], list[str]]) -> None:
    a, b, new = versions
    diff = compare(from_text(_law(a), "a.txt"), from_text(_law(b), "b.txt"))
    decision = draft(diff)
    deleted = [f"第{to_chinese(k)}条" for k, body in enumerate(a, 1) if body not in b]
    inserted = [f"增加一条，作为第{to_chinese(b.index(body) + 1)}条：“{body}”" for body in new]
    assert sorted(item for item in decision.items if item.startswith("增加")) == sorted(inserted)
    removed = [label for item in decision.items if item.startswith("删去") for label in item[2:-1].split("、")]
    assert removed == deleted
    assert len([i for i in decision.items if not i.startswith(("增加", "删去"))]) == 0
    renumbered = any(a.index(body) != b.index(body) for body in a if body in b)
    assert decision.closing == (CLOSING if renumbered else "")
    table = build_table(diff)
    assert len(table.rows) == len(deleted) + len(new)
    assert table.renumbered + table.unchanged == len([body for body in a if body in b])

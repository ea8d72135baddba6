"""The acceptance property on generated revisions: a law of chapters and articles of several 款, revised by
deleting, inserting, editing, merging, splitting and moving articles, moving a 款 into another article,
replacing a term throughout and renaming or adding chapters; the drafted 修改决定 applied to A
(`decision_applier`) gives B's articles."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from corpus.markers import to_chinese
from corpus.pipeline import from_text
from diffing.amendments import draft
from diffing.compare import compare

from .decision_applier import a_articles, apply_decision, b_articles, normal

SENTENCES = (
    "国务院主管部门负责全国的安全生产监督管理工作。",
    "县级以上地方人民政府应当加强对农田水利建设的领导。",
    "任何单位和个人不得侵占、破坏或者非法改变水利设施的用途。",
    "企业应当依法纳税，并接受税务机关的监督检查。",
    "学校应当建立健全学生安全管理制度，定期开展演练。",
    "医疗机构应当公开收费项目和标准，接受社会监督。",
    "公民有依法参加社会保险和享受社会保险待遇的权利。",
    "主管部门应当自收到申请之日起二十日内作出决定。",
    "违反本法规定的，由主管部门责令改正，给予警告。",
    "对举报属实的，主管部门应当给予奖励并为举报人保密。",
    "档案馆应当配备必要的设施，确保档案的安全和完整。",
    "国家鼓励和支持科学技术研究，推广先进适用技术。",
    "出版单位应当按照国家有关规定向图书馆送交样本。",
    "渔业生产者应当遵守禁渔区和禁渔期的规定。",
    "铁路运输企业应当保证旅客和货物运输的安全正点。",
    "气象台站应当及时发布灾害性天气警报和预警信号。",
)
NEW_SENTENCES = (
    "网络运营者应当采取技术措施保护用户个人信息安全。",
    "禁止在饮用水水源保护区内设置排污口。",
    "数据处理者应当建立健全全流程数据安全管理制度。",
)
CHAPTERS = ("总则", "监督管理", "法律责任", "附则")

Law = list[tuple[str, list[list[str]]]]  # chapters, each a list of articles, each a list of 款


def _text(law: Law) -> str:
    out = ["中华人民共和国示范法", ""]
    n = 0
    for c, (name, arts) in enumerate(law, 1):
        out += [f"第{to_chinese(c)}章　{name}", ""]
        for kuan in arts:
            n += 1
            out.append(f"第{to_chinese(n)}条　" + "\n\n".join(kuan))
            out.append("")
    return "\n".join(out)


@st.composite
def _revisions(draw: st.DrawFn) -> tuple[Law, Law]:
    pool = list(SENTENCES)
    order = draw(st.permutations(pool))
    a: Law = []
    k = 0
    for name in CHAPTERS[: draw(st.integers(2, 3))]:
        arts = []
        for _ in range(draw(st.integers(1, 3))):
            size = draw(st.integers(1, 2))
            if k + size > len(order):
                break
            arts.append(list(order[k : k + size]))
            k += size
        if arts:
            a.append((name, arts))
    b: Law = [(name, [list(kuan) for kuan in arts]) for name, arts in a]
    for _ in range(draw(st.integers(1, 4))):
        op = draw(
            st.sampled_from(["delete", "insert", "edit", "merge", "split", "move", "kuan", "throughout", "chapter"])
        )
        c = draw(st.integers(0, len(b) - 1))
        name, arts = b[c]
        if op == "chapter":
            if draw(st.booleans()):
                b[c] = (name + "和程序", arts)
            else:
                b.insert(c + 1, ("附则", [[draw(st.sampled_from(NEW_SENTENCES))]]))
            continue
        if op == "throughout":
            b = [(n, [[s.replace("主管部门", "有关部门") for s in kuan] for kuan in x]) for n, x in b]
            continue
        if not arts:
            continue
        i = draw(st.integers(0, len(arts) - 1))
        if op == "kuan":  # a 款 of an article of several moves into another article, anywhere in the law
            targets = [(n, j) for n, (_, x) in enumerate(b) for j in range(len(x)) if (n, j) != (c, i)]
            if len(arts[i]) < 2 or not targets:
                continue
            n, j = draw(st.sampled_from(targets))
            kuan = arts[i].pop(draw(st.integers(0, len(arts[i]) - 1)))
            target = b[n][1][j]
            target.insert(draw(st.integers(0, len(target))), kuan)
            continue
        if op == "delete" and len(arts) > 1:
            del arts[i]
        elif op == "insert":
            arts.insert(i, [draw(st.sampled_from(NEW_SENTENCES))])
        elif op == "edit":
            j = draw(st.integers(0, len(arts[i]) - 1))
            s = arts[i][j]
            at = draw(st.integers(2, len(s) - 4))
            arts[i][j] = s[:at] + draw(st.sampled_from(["依法", "", "及时"])) + s[at + 2 :]
        elif op == "merge" and i + 1 < len(arts):
            arts[i : i + 2] = [arts[i] + arts[i + 1]]
        elif op == "split" and len(arts[i]) == 2:
            arts[i : i + 1] = [[arts[i][0]], [arts[i][1]]]
        elif op == "move" and len(arts) > 2:
            arts.append(arts.pop(i))
    return a, [(n, x) for n, x in b if x]


@given(_revisions())
def test_the_decision_applied_to_a_gives_bs_articles_on_generated_revisions(revision: tuple[Law, Law]) -> None:
    a_law, b_law = revision
    diff = compare(from_text(_text(a_law), "a.txt"), from_text(_text(b_law), "b.txt"))
    got = apply_decision(draft(diff).items, a_articles(diff))
    assert [[normal(x) for x in lines] for lines in got] == [[normal(x) for x in lines] for lines in b_articles(diff)]

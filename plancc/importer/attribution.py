"""Attributions: the parenthesis after a task that names who does it, in every wording offices use.

    （牵头单位：X；责任单位：Y、Z）   labelled parts; any labels (牵头责任领导：…；责任干部：…), blank parts
    （责任单位：X、Y）                 one labelled part
    （X牵头，Y负责） （X、Y等牵头负责） （X牵头负责） （Y负责） （X牵头，Y配合）
    （X，Y、Z）                        no keywords: the units before the first comma lead

also in 【】, without brackets after the task's last sentence (…排查。牵头单位：X；责任单位：Y。), or on
lines of their own under the task (责任单位：X、Y / 完成时限：6月底前).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from plancc.importer.facts import DEADLINE
from plancc.model import LINES

LABELLED = "牵头单位"
RESPONSIBLE = "责任单位"
VERBS = "牵头负责"
FIRST_LEADS = "首位牵头"

_LEAD_WORDS = re.compile(r"牵头|主责|主办|主抓|主管")
_PART_LABEL = re.compile(r"^([^：:，,、]{1,14})[：:](.*)$")
_LABEL_WORDS = re.compile(r"牵头|主责|主办|责任|负责|配合|协办|协助|参与|承办|落实|单位|部门|领导|干部|人员|责任人")
_WHEN_LABEL = re.compile(r"时限|时间|期限|节点")
_ROLE_LABEL = re.compile(r"领导|干部|人员|责任人|书记|主任")
_VERB_PART = re.compile(
    r"^(.*?)(等)?(?:按照?职责分工|按照?职责|依职责|根据职责|分别)?(牵头负责|牵头落实|共同负责|具体负责|牵头|负责|配合|参与|协助|协办|落实)$"
)
_SENTENCE_END = re.compile("[。；]")
TAIL_SENTENCES = 8  # sentences at the end of a text that may name its units without brackets
_LAST_PART = re.compile(r"^(.+)[，,；;]\s*([^，,；;：:]+)$")
_LEAD_MARK = re.compile(r"[（(〔\[【]牵头[）)〕\]】]$")
_FIELD = re.compile(r"^([^：:，,。；;（）()\s]{2,10})[：:]\s*(\S.*)$")  # 责任单位：X、Y on a line of its own
# parts end at ； or at a comma or space before the next label; 牵头领导：王五责任单位：… (spaces lost) too
_PARTS = re.compile(
    r"[；;]|[，,\s](?=[^，,；;：:、\s]{1,14}[：:])"
    r"|(?<![：:牵头主责任配合协办参与承完成])(?=(?:牵头|主责|主办|责任|配合|协办|协助|参与|承办)(?:单位|部门|领导|干部|人员|人|科室)?[：:])"
    r"|(?<![：:])(?=完成(?:时限|时间)[：:])"
)
_NAME_SPLIT = re.compile(r"[、，,;；/／\s]+")
UNIT_SUFFIX = re.compile(
    r"(?:局|办|委|站|所|院|校|中心|部|会|队|组|村|镇|乡|街道|社区|单位|部门|公司|室|处|科|厅|署|银行|支行|分行|合作社|团|联|馆|台|厂|庭|"
    r"机关|机构|政府|企业|医院|学校|集团|协会|银行|法院|领导|书记|主任|干部|人员|镇长|乡长|县长|区长|局长|队长|专干|"
    r"委员|负责人|责任人|网格员|党委|党组|支部|工委|管委会)$"
)
ROLE_SUFFIX = re.compile(r"(?:领导|书记|主任|干部|人员|镇长|乡长|县长|区长|局长|队长|专干|委员|负责人|责任人|网格员)$")


@dataclass(frozen=True)
class Attribution:
    """An attribution as printed, and the units it names."""

    text: str  # as printed, brackets included
    style: str
    lead: tuple[str, ...] = ()
    responsible: tuple[str, ...] = ()
    etc: bool = False
    lead_label: str = ""
    responsible_label: str = ""
    posts: tuple[str, ...] = ()  # names listed as posts (牵头责任领导：…), not offices
    guessed: bool = False  # no keywords: read as （X，Y、Z）
    when: str = ""  # a deadline part: （牵头单位：X；完成时限：6月底前）

    @property
    def lines(self) -> int:
        """How many lines of their own under the task it is printed on (style 分行), else 0."""
        return self.text.count("\n") + 1 if self.style == LINES else 0


_OPEN, _CLOSE = "（(【", ("）", ")", "】")


def split_trailing(text: str) -> tuple[str, str]:
    """Split off a balanced （…） or 【…】 at the end of `text` (a trailing 。 or ； stays with it)."""
    stripped = text.rstrip("。；;.， ")
    if not stripped.endswith(_CLOSE):
        return text, ""
    depth = 0
    for i in range(len(stripped) - 1, -1, -1):
        ch = stripped[i]
        if ch in _CLOSE:
            depth += 1
        elif ch in _OPEN:
            depth -= 1
            if depth == 0:
                if len(stripped) - i > 300:
                    return text, ""
                return text[:i], text[i:]
    return text, ""


def unit_like(name: str) -> bool:
    """A name that looks like an office, a group of offices or a post."""
    return 2 <= len(name) <= 30 and not re.search(r"[0-9。：:]", name) and (
        bool(UNIT_SUFFIX.search(name)) or name.startswith("各")
    )


def names(text: str) -> tuple[list[str], bool]:
    """Split a list of names; a trailing 等 becomes the etc flag."""
    items = [n.strip("。．. ") for n in _NAME_SPLIT.split(text.strip())]
    items = [n for n in items if n]
    etc = False
    if items and items[-1].endswith("等") and len(items[-1]) > 1:
        items[-1] = items[-1][:-1]
        etc = True
    return items, etc


def parse_attribution(printed: str) -> Attribution | None:
    """Read an attribution such as （牵头单位：X；责任单位：Y） or 【责任单位：X】; None when it is not one."""
    inner = printed.strip().rstrip("。；;.， ")
    if len(inner) < 3 or inner[0] not in _OPEN or not inner.endswith(_CLOSE):
        return None
    inner = inner[1:-1].strip()
    if not inner or "。" in inner:
        return None
    when = ""
    if (m := _LAST_PART.match(inner)) and DEADLINE.match(m.group(2)):  # （县水利局负责，6月底前完成）
        inner, when = m.group(1).strip(), m.group(2).strip()
    parts = [p.strip() for p in _PARTS.split(inner) if p.strip()]
    attr = _labelled(printed, parts) or _verbs(printed, inner) or _first_leads(printed, inner)
    return replace(attr, when=when) if attr and when else attr


def trailing(text: str) -> Attribution | None:
    """The attribution that ends `text`, in brackets (…（牵头单位：X）。) or without them after its
    last sentences (…排查。牵头单位：X；责任单位：Y。); its `text` is exactly what ends `text`."""
    printed = split_trailing(text)[1]
    if printed and (attr := parse_attribution(printed)):
        return attr
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    for end in ends[-TAIL_SENTENCES:]:  # the longest tail first; units take a few sentences at most
        tail = text[end:]
        if _FIELD.match(tail.strip()):
            parts = [q.strip() for p in tail.split("。") for q in _PARTS.split(p) if q.strip()]
            if attr := _labelled(tail, parts):
                return attr
    return None


def without(text: str, attr: Attribution | None) -> str:
    """`text` without the attribution `attr` that ends it."""
    return text[: len(text) - len(attr.text)] if attr and attr.text and text.endswith(attr.text) else text


def parse_fields(lines: list[str]) -> Attribution | None:
    """Read the lines under a task that name its units, each a label and its value (责任单位：X、Y /
    配合单位：Z / 完成时限：6月底前); None unless every line is one and some name units."""
    matches = [_FIELD.match(line.strip()) for line in lines]
    if not lines or not all(matches):
        return None
    parts = [q.strip() for line in lines for q in _PARTS.split(line.strip().rstrip("。；;")) if q.strip()]
    attr = _labelled("\n".join(line.strip() for line in lines), parts)
    return replace(attr, style=LINES) if attr else None


def _labelled(printed: str, parts: list[str]) -> Attribution | None:
    matches = [_PART_LABEL.match(p) for p in parts]
    if not parts or not all(matches) or not all(_LABEL_WORDS.search(m.group(1)) or _WHEN_LABEL.search(m.group(1)) for m in matches if m):
        return None
    if all(_WHEN_LABEL.search(m.group(1)) for m in matches if m):
        return None
    lead: list[str] = []
    responsible: list[str] = []
    lead_label = responsible_label = ""
    etc = responsible_etc = False
    posts: list[str] = []
    when = ""
    for m in matches:
        assert m is not None
        label, listed = m.group(1).strip(), m.group(2)
        if _WHEN_LABEL.search(label):
            when = listed.strip()
            continue
        found, more = names(listed)
        if any(len(n) > 40 for n in found):
            return None
        marked = [n for n in found if _LEAD_MARK.search(n)]  # 县教育局（牵头）among the responsible
        lead.extend(_LEAD_MARK.sub("", n) for n in marked)
        found = [n for n in found if n not in marked]
        if _ROLE_LABEL.search(label):
            posts.extend(found)
        if _LEAD_WORDS.search(label) and not lead_label:
            lead_label, etc = label, more
            lead.extend(found)
        else:
            responsible_label = responsible_label or label
            responsible.extend(found)
            responsible_etc = responsible_etc or more
    style = LABELLED if lead_label else RESPONSIBLE
    if style == RESPONSIBLE:
        etc = responsible_etc
    return Attribution(printed, style, tuple(lead), tuple(responsible), etc, lead_label, responsible_label, tuple(posts), when=when)


def _verbs(printed: str, inner: str) -> Attribution | None:
    parts = [p.strip() for p in re.split(r"[；;]|[，,](?=[^，,；;]*?(?:牵头|负责|配合|参与|协助|协办|落实)$)", inner) if p.strip()]
    lead: list[str] = []
    responsible: list[str] = []
    etc = False
    for part in parts:
        m = _VERB_PART.match(part)
        if not m or not m.group(1):
            return None
        found, more = names(m.group(1))
        if not found or any(len(n) > 40 for n in found):
            return None
        if m.group(3).startswith("牵头"):
            lead.extend(found)
            etc = etc or bool(m.group(2)) or more
        else:
            responsible.extend(found)
    if not any(unit_like(n) for n in lead + responsible):
        return None
    return Attribution(printed, VERBS, tuple(lead), tuple(responsible), etc)


def _first_leads(printed: str, inner: str) -> Attribution | None:
    comma = re.search(r"[，,]", inner)
    head, tail = (inner[: comma.start()], inner[comma.end() :]) if comma else (inner, "")
    lead, etc = names(head)
    responsible = names(tail)[0]
    everyone = lead + responsible
    if not everyone or not all(unit_like(n) for n in everyone):
        return None
    posts = tuple(everyone) if all(ROLE_SUFFIX.search(n) for n in everyone) else ()
    return Attribution(printed, FIRST_LEADS, tuple(lead), tuple(responsible), etc, posts=posts, guessed=True)

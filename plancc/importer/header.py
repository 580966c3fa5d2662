"""The parts of an official document around its body (GB/T 9704-2012).

Front: 份号, 密级, 紧急程度, 发文机关标志, 发文字号 (签发人), 标题 (over one or more lines), 主送.
Sign-off: 署名 and 成文日期 (digits or Chinese numerals). Back: 附件 lines, 附注, 抄送, 印发机关 and 印发日期.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from plancc.importer.attribution import ROLE_SUFFIX, unit_like
from plancc.importer.extract import Line
from plancc.importer.labels import starts_like_heading
from plancc.timeline import BadDate, arabize, make_date

DOC_TYPES = (
    "实施方案|工作方案|方案|工作要点|要点|通知|通报|决定|意见|计划|规划|办法|细则|规定|报告|请示|函|纪要|批复|公告|通告|"
    "决议|命令|安排|措施|清单|指引|制度|预案|要求|条例|守则|章程"
)
DOC_TYPE_END = re.compile(rf"(?:{DOC_TYPES})$")
_NUMBER = re.compile(
    r"^(?P<code>[^\s〔〕\[\]()（）［］【】0-9]{1,16}?)\s*[〔\[［【(（]\s*(?P<year>\d{4})\s*[〕\]］】)）]\s*第?\s*"
    r"(?P<seq>\d{1,6})\s*号(?:\s*签发人[:：]\s*(?P<signer>\S{2,12}))?$"
)
_SIGNER = re.compile(r"^签发人[:：]\s*(\S{2,12})$")
_COPY_NO = re.compile(r"^\d{6}$")
_SECRECY = re.compile(r"^(绝密|机密|秘密)\s*(?:★\s*(\S{1,8}))?$")
_URGENCY = re.compile(r"^(特急|加急)$")
_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_PRINTED = re.compile(r"^(?P<by>.+?)\s*(?P<date>\d{4}年\d{1,2}月\d{1,2}日)\s*印发$")
_CC = re.compile(r"^抄\s*送[:：]\s*(?P<list>.+?)。?$")
_NOTE = re.compile(r"^[（(](?P<note>此件.{1,60})[）)]$")
ATTACHMENT = re.compile(r"^附\s*件\s*(?:\d{1,2})?\s*[:：]?\s*(?P<name>.*)$")
_TRANSMIT = re.compile(r"^关于(?:印发|转发|下发|印送|发布)(?:修订后的|新修订的)?《(?P<title>[^》]{2,80})》")
_PUNCT = re.compile(r"[。，；！？：:,;]")
_SEPARATORS = re.compile(r"[、，,]")
MAX_ORGANS = 8
MAX_TITLE_LINES = 4


@dataclass
class Front:
    """The front of a document and how many lines it took."""

    fields: dict[str, Any] = field(default_factory=dict)  # notice keys: mark, number, signer, ...
    title: str = ""
    title_lines: list[str] = field(default_factory=list)
    to: list[str] = field(default_factory=list)
    separator: str = "、"
    used: int = 0  # lines consumed
    guesses: dict[str, str] = field(default_factory=dict)  # key -> why it is a guess


def read_date(text: str) -> str | None:
    """2020年4月9日 or 二〇二〇年四月九日 as 2020-04-09; None if the line is not a date."""
    m = _DATE.match(arabize(text.replace(" ", "")))
    if not m:
        return None
    try:
        d = make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except BadDate:
        return None
    return d.isoformat()


def _short_plain(text: str, limit: int = 40) -> bool:
    return len(text) <= limit and not _PUNCT.search(text) and not starts_like_heading(text)


def read_front(lines: list[Line]) -> Front:
    """Read the elements that open a document; stops at the first line of its body."""
    front = Front()
    i = 0
    i = _read_marks(lines, i, front)
    i = _read_title(lines, i, front)
    if front.title and i < len(lines):
        to = read_recipients(lines[i].text)
        if to:
            front.to, front.separator = to
            i += 1
    front.used = i
    return front


def _read_marks(lines: list[Line], i: int, front: Front) -> int:
    """份号, 密级, 紧急程度, 发文机关标志 and 发文字号, in any order, at the very top."""
    while i < len(lines) and i < 8:
        text = lines[i].text
        if _COPY_NO.match(text):
            front.fields["copy_no"] = text
        elif m := _SECRECY.match(text):
            front.fields["secrecy"] = {"level": m.group(1), **({"term": m.group(2)} if m.group(2) else {})}
        elif _URGENCY.match(text):
            front.fields["urgency"] = text
        elif m := _NUMBER.match(text):
            front.fields["number"] = {"code": m.group("code"), "year": int(m.group("year")), "seq": int(m.group("seq"))}
            if m.group("signer"):
                front.fields["signer"] = m.group("signer")
        elif (m := _SIGNER.match(text)) and "number" in front.fields:
            front.fields["signer"] = m.group(1)
        elif joint := _joint_mark(lines, i):
            organs, suffix, i = joint
            front.fields["mark"] = organs
            if suffix:
                front.fields["mark_suffix"] = suffix
            front.fields["issuer"] = organs[0]
            front.guesses["issuer"] = "发文机关由版头推断（联合行文的主办机关）"
            continue
        elif _is_mark(lines, i):
            front.fields["mark"] = text
            issuer = re.sub(r"(?:文件|公报|简报)$", "", text)
            front.fields["issuer"] = issuer
            front.guesses["issuer"] = "发文机关由版头推断"
        else:
            break
        i += 1
    return i


def _joint_mark(lines: list[Line], i: int) -> tuple[list[str], str, int] | None:
    """联合行文: two or more organs a line, with 文件 after one of them or on a line of its own,
    right above the 发文字号. Returns the organs, the suffix and the index of the 发文字号."""
    organs: list[str] = []
    suffix, j = "", i
    while j < len(lines) and len(organs) < MAX_ORGANS:
        text = lines[j].text
        name = re.sub(r"\s*文件$", "", text)
        if organs and not name:  # 文件 alone
            suffix, j = "文件", j + 1
            continue
        if not (_short_plain(name, 30) and _organ(name)):
            break
        suffix = suffix or ("文件" if name != text else "")
        organs.append(name)
        j += 1
    if len(organs) >= 2 and j < len(lines) and _NUMBER.match(lines[j].text):
        return organs, suffix, j
    return None


def organs_above(lines: list[Line], end: int, start: int) -> tuple[list[str], int]:
    """The 署名 right above lines[end] (a date): one short line, or (联合行文) several organs a line.
    Returns them and the index of the first."""
    last = lines[end - 1] if end > start else None
    if last is None or last.cells is not None or not _short_plain(last.text, 40) or read_recipients(last.text):
        return [], end
    j = end - 1
    if _organ(last):
        while j > start and end - j < MAX_ORGANS and _organ(lines[j - 1]):
            j -= 1
    return [line.text for line in lines[j:end]], j


def _organ(line: Line | str) -> bool:
    """A line that is an organ's name (not a post's, not a table row)."""
    if isinstance(line, Line):
        if line.cells is not None or not _short_plain(line.text, 40):
            return False
        line = line.text
    return unit_like(line) and not ROLE_SUFFIX.search(line) and " " not in line


def _is_mark(lines: list[Line], i: int) -> bool:
    text = lines[i].text
    if not _short_plain(text, 30) or text.startswith("关于"):
        return False
    if text.endswith(("文件", "公报", "简报")):
        return True
    nxt = lines[i + 1].text if i + 1 < len(lines) else ""
    return bool(_NUMBER.match(nxt)) and not DOC_TYPE_END.search(text)


def _read_title(lines: list[Line], i: int, front: Front) -> int:
    """A title over up to four lines: it starts with 关于 or ends with a document type."""
    taken: list[Line] = []
    for j in range(i, min(i + MAX_TITLE_LINES, len(lines))):
        text = lines[j].text
        if not _short_plain(text, 60) or read_date(text) or read_recipients(text):
            break
        taken.append(lines[j])
        joined = "".join(t.text for t in taken)
        if DOC_TYPE_END.search(joined):
            front.title = joined
            front.title_lines = _title_lines(taken)
            return j + 1
    return i


def _title_lines(taken: list[Line]) -> list[str]:
    if len(taken) > 1:
        return [t.text for t in taken]
    parts = [p.replace(" ", "") for p in taken[0].parts]
    if len(parts) > 1 and all(len(p) >= 4 for p in parts) and "".join(parts) == taken[0].text:
        return parts
    return []


def read_recipients(text: str) -> tuple[list[str], str] | None:
    """主送: 各乡镇、县直各单位： -> the names and the separator used."""
    if not text.endswith(("：", ":")) or len(text) > 200 or "。" in text or starts_like_heading(text):
        return None
    names, separator = split_organs(text[:-1].strip())
    if not names or any(len(n) > 40 or _PUNCT.search(n) for n in names):
        return None
    return names, separator


def split_organs(text: str) -> tuple[list[str], str]:
    """A list of organs (主送, 抄送) and the separator it uses. With both, the comma separates them:
    各乡镇党委、政府，县直各单位 names two."""
    commas = "，" in text or "," in text
    both = commas and "、" in text
    names = [n.strip() for n in (re.split("[，,]", text) if both else _SEPARATORS.split(text)) if n.strip()]
    return names, "，" if both or text.count("，") + text.count(",") > text.count("、") else "、"


def transmitted_title(title: str) -> str | None:
    """关于印发《X》的通知 -> X."""
    m = _TRANSMIT.match(title)
    return m.group("title") if m else None


def _one_or_list(organs: list[str]) -> str | list[str]:
    """A 署名 as the plan writes it: text, or a list for joint issuers ("" for none)."""
    return organs if len(organs) > 1 else "".join(organs)


@dataclass
class SignOff:
    signature: str | list[str] = ""
    date: str = ""
    start: int = 0  # index of its first line
    end: int = 0  # index after it


def find_signoff(lines: list[Line], start: int, stop: int) -> SignOff | None:
    """The first 署名 + 成文日期 (or a date alone) in lines[start:stop]."""
    for j in range(start, stop):
        date = read_date(lines[j].text)
        if not date:
            continue
        organs, first = organs_above(lines, j, start)
        return SignOff(_one_or_list(organs), date, first, j + 1)
    return None


@dataclass
class Back:
    fields: dict[str, Any] = field(default_factory=dict)
    attachments: list[str] = field(default_factory=list)
    start: int = 0  # index where the back begins (body ends)


def read_back(lines: list[Line], start: int) -> Back:
    """版记 and sign-off at the end: 印发, 抄送, 附注, 成文日期, 署名, 附件说明 (read from the end)."""
    back = Back(start=len(lines))
    i = len(lines)
    if i > start and (m := _PRINTED.match(lines[i - 1].text)) and (date := read_date(m.group("date"))):
        back.fields["printed_by"], back.fields["printed_on"] = m.group("by").strip(), date
        i -= 1
    if i > start and (m := _CC.match(lines[i - 1].text)):
        back.fields["cc"] = split_organs(m.group("list"))[0]
        i -= 1
    if i > start and (m := _NOTE.match(lines[i - 1].text)):
        back.fields["note"] = m.group("note")
        i -= 1
    if i > start and (date := read_date(lines[i - 1].text)):
        back.fields["date"] = date
        i -= 1
        organs, i = organs_above(lines, i, start)
        if organs:
            back.fields["signature"] = _one_or_list(organs)
    j = i
    while j > start and ATTACHMENT.match(lines[j - 1].text) is None and j > i - 6 and _is_attachment_item(lines[j - 1].text):
        j -= 1
    if j > start and (m := ATTACHMENT.match(lines[j - 1].text)) and m.group("name"):
        items = [m.group("name")] + [lines[k].text for k in range(j, i)]
        back.attachments = [re.sub(r"^\d{1,2}\s*[.．、]\s*", "", t) for t in items]
        i = j - 1
    back.start = i
    return back


def _is_attachment_item(text: str) -> bool:
    """A numbered line of the 附件说明: "2.表名" (a bare "2." names nothing)."""
    return bool(re.match(r"^\d{1,2}\s*[.．、]\s*\S", text)) and len(text) <= 60 and "。" not in text

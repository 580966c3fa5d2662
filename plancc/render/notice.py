"""The official notice (.docx) in GB/T 9704-2012 layout.

Three documents come out of one renderer, chosen by the plan's `kind`:
- 方案 / 实施方案 / 工作要点: the plan on its own (title, body), with 版头/版记 if a `notice` is given;
- 通知: a notice whose body is the plan;
- 印发通知: a short transmittal notice, then the plan on a new page.

Every paragraph sits on the 22-line grid (exact 579-twip lines); the 版头 is measured from the top of
the text block so that the 发文机关标志 starts 35 mm down and the title returns to the grid. The 版记 is
a frame at the bottom of the text block on an even page: the page count is estimated from the grid
(`plancc.render.pagination`) and, when the text ends on an odd page or leaves no room, the 版记 goes
into a last section that starts on the next even page (without page numbers).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

from plancc.model import TRANSMITTAL, Action, Notice, Plan, Section
from plancc.model import Block as PlanBlock
from plancc.render import ooxml, wml
from plancc.render.context import Context, Output
from plancc.render.package import NO_FOOTERS, Skeleton, footer_xml
from plancc.render.pagination import Block, char_width, line_count, paginate
from plancc.render.templates import Templates
from plancc.render.wording import action_body, attribution

PITCH = ooxml.LINE_PITCH  # one line of the grid
CHAR = ooxml.CHAR_PITCH  # one 字 of body text
INDENT = 2 * CHAR  # paragraphs are indented 2 字
BODY = ooxml.FANGSONG
TITLE_FONT = ooxml.XIAOBIAOSONG
TITLE_PT = ooxml.SIZES["二号"]
BODY_PT = ooxml.SIZES["三号"]
SMALL_PT = ooxml.SIZES["四号"]  # 版记
SMALL_CHAR = int(SMALL_PT * 20)  # one 字 of 四号 text
SEAL_PITCH = int(round(44 * ooxml.MM))  # centres of joint issuers' seals: 42 mm seals, under 3 mm apart
SEAL_ROWS = math.ceil(44 * ooxml.MM / PITCH) - 1  # blank lines between rows of sealed 署名
MARK_TOP = int(round(35 * ooxml.MM))  # the 发文机关标志 starts 35 mm below the top of the text block
RULE_GAP_PT = 6  # space between the 发文字号 line and the red separator, points
RED_RULE = 8  # red separator thickness, eighths of a point (0.35 mm)
THICK_RULE = 8  # 版记 first and last lines (0.35 mm)
THIN_RULE = 6  # 版记 middle lines (0.25 mm)
END_SLACK = 60  # twips left under the 版记 for the closing paragraph and rounding
PAGE_MARK = "\x00PAGE\x00"
FOOTER_DISTANCE = ooxml.GBT_MARGINS.bottom - round(7 * ooxml.MM) - SMALL_CHAR  # page number 7 mm below the text

STYLE_BODY = "公文正文"
STYLE_TITLE = "公文标题"
STYLE_HEADINGS = ("一级标题", "二级标题", "三级标题", "四级标题")
STYLE_SMALL = "公文版记"
STYLES = (
    ooxml.paragraph_style(STYLE_BODY, BODY, BODY_PT, align="justify", first_line=INDENT, line=PITCH),
    ooxml.paragraph_style(STYLE_TITLE, TITLE_FONT, TITLE_PT, align="center", first_line=0, line=PITCH,
                          keep_next=True, keep_lines=True),
    *(ooxml.paragraph_style(name, font, BODY_PT, outline_level=level, base=STYLE_BODY)
      for level, (name, font) in enumerate(zip(STYLE_HEADINGS, (ooxml.HEITI, ooxml.KAITI, BODY, BODY)))),
    ooxml.paragraph_style(STYLE_SMALL, BODY, SMALL_PT, first_line=0, line=PITCH, spacing=0),
)


def render(plan: Plan, ctx: Context, formats: Sequence[str] = ("docx",)) -> list[Output]:
    """The notice of `plan` as `<id>.docx` (nothing when `formats` leaves out docx)."""
    if "docx" not in formats:
        return []
    writer = NoticeWriter(plan, ctx.templates)
    body = writer.build()
    stamp = plan.notice.date if plan.notice and plan.notice.date else None
    when = datetime(stamp.year, stamp.month, stamp.day, tzinfo=timezone.utc) if stamp else None
    title = plan.notice.title if plan.notice else plan.title
    return [Output(f"{plan.id}.docx", writer.skeleton().docx(body, title=title, when=when))]


# --- wording helpers ---------------------------------------------------------------------------


def heading_font(label: str) -> str:
    """一、 and 第一部分 黑体 · （一） 楷体 · 1. （1） 一是 and the rest 仿宋 (GB/T 9704 7.3.3)."""
    core = label.strip()
    if not core:
        return BODY
    chinese = any(c in "一二三四五六七八九十百〇零" for c in core)
    bracketed = core[0] in "（("
    if chinese and not bracketed and (core.endswith("、") or (core[0] == "第" and core.endswith(("部分", "章")))):
        return ooxml.HEITI
    if chinese and bracketed:
        return ooxml.KAITI
    return BODY


def split_title(title: str, per_line: int) -> list[str]:
    """Break a long title into balanced lines, longer lines first (an inverted trapezoid), preferring
    breaks after 关于 / 》 / ” / punctuation and before 的通知 / 的意见, never inside a 《…》 name."""
    if len(title) <= per_line:
        return [title]
    n = math.ceil(len(title) / per_line)
    lines: list[str] = []
    rest = title
    while n > 1:
        target = math.ceil(len(rest) / n)
        best, best_score = None, None
        for cut in range(max(1, len(rest) - per_line * (n - 1)), min(per_line, len(rest) - 1) + 1):
            score = abs(cut - target) * 2 + (0 if cut >= target else 1)
            before, after = rest[cut - 1], rest[cut]
            if before in "》”）、，" or rest[:cut].endswith("关于"):
                score -= 3
            if rest[cut:].startswith(("的通知", "的意见", "的决定", "的报告", "的方案")):
                score -= 3
            if before.isascii() and after.isascii() and before.isalnum() and after.isalnum():
                score += 20
            if after in "》”）、，。":
                score += 20
            if best_score is None or score < best_score:
                best, best_score = cut, score
        assert best is not None
        lines.append(rest[:best])
        rest = rest[best:]
        n -= 1
    lines.append(rest)
    return lines


def date_text(templates: Templates, d: date) -> str:
    return templates.render("date.j2", year=d.year, month=d.month, day=d.day)


def text_width(text: str, size_pt: float = BODY_PT) -> int:
    return sum(char_width(c, size_pt) for c in text)


def _units(attribution: str) -> tuple[str, list[str]]:
    """An attribution as the part printed at the end of the paragraph and the lines printed as
    paragraphs of their own (style 分行: every line, each after a line break)."""
    first, *lines = attribution.split("\n")
    return first, lines


# --- the writer ----------------------------------------------------------------------------------


@dataclass
class _Para:
    """A paragraph kept open until the body is joined: a later paragraph may ask it to keep with the
    next one or to end a section."""

    runs: str
    props: dict[str, Any]

    def __str__(self) -> str:
        return wml.paragraph(self.runs, wml.ppr(**self.props))


class NoticeWriter:
    """Builds the body paragraph by paragraph and records each paragraph's lines for pagination."""

    def __init__(self, plan: Plan, templates: Templates) -> None:
        self.plan, self.t = plan, templates
        self.body: list[_Para | str] = []
        self.blocks: list[Block] = []
        self.moved_recipients: list[str] = []  # 主送 too long for the body to start on page 1
        self.end_section = False  # the 版记 is in a last section, on the next even page, without page numbers

    # document --------------------------------------------------------------------------------

    def build(self) -> str:
        """The body, as WordprocessingML text."""
        plan, n = self.plan, self.plan.notice
        if n is not None and (n.mark or n.number or n.copy_no or n.secrecy or n.urgency):
            self.head(n)
        title = n.title if n is not None else plan.title
        lines = list(n.title_lines if n is not None else plan.title_lines) or split_title(title, self.title_per_line)
        self.title(lines)
        self.blank()
        if n is not None and n.to:
            self.recipients(list(n.to))
        if plan.kind == TRANSMITTAL and n is not None:
            body = n.body if n.body is not None else (self.t.render("transmittal.j2", title=plan.title, issuer=n.issuer),)
            for text in body:
                self.para([(text, BODY)])
        else:
            self.plan_body()
        if n is not None:
            self.attachment_note(list(n.attachments))
            self.signature(n)
        if plan.kind == TRANSMITTAL:
            self.carried_plan()
        if n is not None and (n.cc or n.printed_by or n.printed_on or self.moved_recipients):
            self.end_block(n)
        return "".join(map(str, self.body))

    def skeleton(self) -> Skeleton:
        """The document around the body: GB/T 9704 page and styles, and "— N —" page numbers in 4号
        宋体, odd pages right and even pages left, 1 字 in, 7 mm below the text."""
        text = self.t.render("page_number.j2", page=PAGE_MARK)
        before, _, after = text.partition(PAGE_MARK)
        footers = ooxml.page_number_footers(before, after, ooxml.SONGTI, SMALL_PT, inset=SMALL_CHAR, line=SMALL_CHAR)
        if self.end_section:
            footers += (footer_xml(), footer_xml())
        section = ooxml.page_section(footer=FOOTER_DISTANCE, footers=NO_FOOTERS, even_page=True) if self.end_section \
            else ooxml.page_section(footer=FOOTER_DISTANCE)
        return ooxml.skeleton(BODY, BODY_PT, styles=STYLES, footers=footers, section=section)

    # 版头 --------------------------------------------------------------------------------------

    def head(self, n: Notice) -> None:
        """份号, 密级, 紧急程度, 发文机关标志, 发文字号 / 签发人 and the red separator."""
        used = 0
        if n.copy_no:
            self.para([(n.copy_no, BODY)], first_line=0, align="left")
            used += PITCH
        if n.secrecy:
            self.para([(self.t.render("secrecy.j2", level=n.secrecy, term=n.secrecy_term), ooxml.HEITI)], first_line=0, align="left")
            used += PITCH
        if n.urgency:
            self.para([(n.urgency, ooxml.HEITI)], first_line=0, align="left")
            used += PITCH
        if n.mark:
            gap = f"　{n.mark_suffix}" if n.mark_suffix else ""  # 文件, a space away from the organs
            size = self.mark_size(max(n.mark, key=len) + gap)
            height = int(round(size * 20 * 1.3))
            # the glyphs start about 0.15 em below the top of a line this tall
            top = MARK_TOP - int(round(size * 20 * 0.15))
            if top > used:
                self.spacer(top - used)
                used = top
            if len(n.mark) == 1 and not gap:
                scale = ooxml.TEXT_WIDTH / max(text_width(n.mark[0], size), 1)  # below 1: narrowed to one line
                self.para([(n.mark[0], TITLE_FONT)], size_pt=size, color=ooxml.RED, align="center", first_line=0,
                          line=height, keep_next=True, lines=1, scale=int(scale * 100) if scale < 1 else None)
            else:
                self.joint_mark(n.mark, gap, size, height)
            used += height * len(n.mark)
            self.spacer(2 * PITCH)
            used += 2 * PITCH
        if n.number or n.signer:
            self.number_line(n, rule=bool(n.mark))
            if n.mark:
                extra = RULE_GAP_PT * 20 + RED_RULE * 20 // 8
                self.blocks[-1].extra = extra
                used += PITCH + extra
                title_top = round((used + 2 * PITCH) / PITCH) * PITCH
                self.spacer(title_top - used)
            else:
                self.blank()

    def joint_mark(self, organs: tuple[str, ...], gap: str, size: float, height: int) -> None:
        """联合行文: the organs one a line, spread to the same width, the lead organ first, and the
        suffix (文件) to their right, centred against them (a borderless table, centred)."""
        names = max(text_width(o, size) for o in organs)
        suffix = text_width(gap, size)
        scale = min(1.0, ooxml.TEXT_WIDTH / max(names + suffix, 1))  # below 1: narrowed to fit
        widths = [int(names * scale) + 20] + ([int(suffix * scale) + 20] if gap else [])
        props = wml.rpr(TITLE_FONT, size, color=ooxml.RED, scale=int(scale * 100) if scale < 1 else None)
        line = wml.ppr(STYLE_BODY, "distribute", 0, 0, 0, height, 0, 0, keep_next=True)
        rows = []
        for i, organ in enumerate(organs):
            cells = [wml.cell(wml.paragraph(wml.run(organ, props), line), widths[0])]
            if gap:
                word = wml.paragraph(wml.run(gap, props), wml.ppr(STYLE_BODY, "right", 0, 0, 0, height, 0, 0, keep_next=True))
                cells.append(wml.cell(word if i == 0 else "", widths[1], merge="continue" if i else "restart"))
            rows.append(wml.row(cells, cant_split=True))
            self.blocks.append(Block(1, height, keep_next=True))
        sides = dict.fromkeys(("top", "left", "bottom", "right", "insideH", "insideV"))
        self.body.append("".join(wml.table(wml.table_properties(widths, sides, 0), rows)))

    def mark_size(self, mark: str) -> float:
        """Largest size up to 初号 at which the mark fills at most 92% of the line (at least 二号)."""
        size = min(ooxml.SIZES["初号"], (ooxml.TEXT_WIDTH * 0.92 / 20) / max(len(mark), 1))
        return max(math.floor(size * 2) / 2, TITLE_PT)

    def number_line(self, n: Notice, rule: bool) -> None:
        """发文字号 centred, or flush left with 签发人 at the right edge; `rule`: the red separator below."""
        number = str(n.number) if n.number else ""
        red = ("single", RED_RULE, ooxml.RED) if rule else None
        if not n.signer:
            self.para([(number, BODY)], align="center", first_line=0, bottom=red)
            return
        self.para([(number, BODY), ("\t签发人：", BODY), (n.signer, ooxml.KAITI)], align="left", first_line=CHAR,
                  lines=1, tab=ooxml.TEXT_WIDTH - CHAR, bottom=red)

    # 主体 --------------------------------------------------------------------------------------

    @property
    def title_per_line(self) -> int:
        return ooxml.TEXT_WIDTH // char_width("字", TITLE_PT)

    def title(self, lines: Sequence[str], new_page: bool = False) -> None:
        for i, text in enumerate(lines):
            self.para([(text, TITLE_FONT)], style=STYLE_TITLE, size_pt=TITLE_PT, align="center", first_line=0,
                      keep_next=True, keep_lines=True, page_break_before=new_page and i == 0)

    def recipients(self, units: list[str]) -> None:
        """主送机关, flush left; moved to the 版记 when it would keep the body off page 1 (GB/T 9704 7.3.2)."""
        text = self.t.render("recipients.j2", units=units, separator=self.plan.style.separator)
        lines = line_count(text)
        end = paginate(self.blocks)
        if end.page > 1 or end.used + (lines + 1) * PITCH > ooxml.TEXT_HEIGHT:
            self.moved_recipients = units
            return
        self.para([(text, BODY)], first_line=0, align="justify")

    def plan_body(self) -> None:
        for text in self.plan.preamble:
            self.para([(text, BODY)])
        self.blocks_of(self.plan.body)

    def blocks_of(self, items: Sequence[PlanBlock]) -> None:
        for item in items:
            if isinstance(item, str):
                self.para([(item, BODY)])
            elif isinstance(item, Section):
                self.section(item)
            elif isinstance(item, Action):
                self.action(item)

    def section(self, s: Section) -> None:
        font = heading_font(s.label)
        style = STYLE_HEADINGS[min(s.level, 4) - 1]
        units, lines = _units(attribution(s, self.plan, self.t))  # after its heading and run-in text
        if s.text:  # run-in text: a body paragraph, so the navigation pane lists headings only
            full = self.t.render("run_in.j2", label=s.label, heading=s.heading, text=s.text)
            head = full[: len(full) - len(s.text)] if full.endswith(s.text) else full
            self.para([(head, font), (full[len(head):] + units, BODY)])
        else:
            self.para([(f"{s.label}{s.heading}", font)] + ([(units, BODY)] if units else []), style=style,
                      keep_next=True)
        for line in lines:  # with the heading, kept with what follows
            self.para([(line, BODY)], keep_next=True)
        self.blocks_of(s.body)

    def action(self, a: Action) -> None:
        units, lines = _units(attribution(a, self.plan, self.t))
        full = action_body(a) + units
        head = f"{a.label}{a.title}" + ("。" if a.title and a.text else "")
        if not full.startswith(head):
            head = a.label
        font = heading_font(a.label) if a.title else BODY
        parts = [(head, font), (full[len(head):], BODY)] if head else [(full, BODY)]
        self.para(parts, keep_next=bool(lines))  # a task and its lines of units stay on one page
        for i, line in enumerate(lines, 1):
            self.para([(line, BODY)], keep_next=i < len(lines))

    def attachment_note(self, names: list[str]) -> None:
        """附件说明: one line below the body, 2 字 in; later items aligned under the first number."""
        if not names:
            return
        self.blank()
        lines = self.t.render("attachment_note.j2", names=names).splitlines()
        label = 3 * CHAR  # 附件：
        for i, text in enumerate(lines):
            if i == 0:
                self.para([(text, BODY)], left=INDENT + label, first_line=-label)
            else:
                self.para([(text, BODY)], left=INDENT + label, first_line=0)

    def signature(self, n: Notice) -> None:
        """发文机关署名, 成文日期 and 附注 (GB/T 9704 7.3.5); joint issuers one a line, the lead organ
        first, right edges aligned (centred on the date each when sealed)."""
        organs = n.signature
        when = date_text(self.t, n.date) if n.date else ""
        if not organs and not when:
            if n.note:
                self.para([(self.t.render("note.j2", note=n.note), BODY)])
            return
        sig_w, date_w = max((text_width(o) for o in organs), default=0), text_width(when)
        self.keep_last()  # 署名 and 成文日期 never stand alone on a page
        if n.sealed:
            self.blank(2, keep_next=True)  # room for the seal above 署名 and 成文日期
            date_right = 4 * CHAR
            if len(organs) > 1:
                self.sealed_organs(organs, ooxml.TEXT_WIDTH - date_right - date_w // 2, bool(when))
            elif organs:
                self.para([(organs[0], BODY)], align="right", first_line=0,
                          right=max(date_right + (date_w - sig_w) // 2, 0), keep_next=bool(when))
            if when:
                self.para([(when, BODY)], align="right", first_line=0, right=date_right)
        else:
            self.blank(keep_next=True)
            sig_right = INDENT
            date_left = ooxml.TEXT_WIDTH - INDENT - sig_w + INDENT  # the date starts 2 字 right of 署名
            if when and date_left + date_w > ooxml.TEXT_WIDTH - INDENT:  # date longer than 署名
                date_left = ooxml.TEXT_WIDTH - INDENT - date_w
                sig_right = ooxml.TEXT_WIDTH - (date_left - INDENT) - sig_w
            for i, organ in enumerate(organs, 1):
                self.para([(organ, BODY)], align="right", first_line=0, right=max(sig_right, 0),
                          keep_next=bool(when) or i < len(organs))
            if when:
                if organs:
                    self.para([(when, BODY)], align="left", first_line=0, left=max(date_left, 0))
                else:
                    self.para([(when, BODY)], align="right", first_line=0, right=INDENT)
        if n.note:
            self.para([(self.t.render("note.j2", note=n.note), BODY)])

    def sealed_organs(self, organs: tuple[str, ...], centre: int, dated: bool) -> None:
        """Sealed joint 署名 (GB/T 9704 7.3.5.1): side by side in the order of the organs, two a line,
        each under its own seal: seals SEAL_PITCH apart (further when the names are wider) and rows a
        seal apart; the last organ centred on the date below (`centre`), a lone first one on the left."""
        pairs = [organs[max(i - 2, 0):i] for i in range(len(organs), 0, -2)][::-1]  # the last pair ends over the date
        for k, pair in enumerate(pairs, 1):
            if k > 1:
                self.blank(SEAL_ROWS, keep_next=True)
            widths = [text_width(o) for o in pair]
            pitch = max(SEAL_PITCH, sum(widths) // 2 + CHAR)
            left = max(centre - pitch - widths[0] // 2, 0)
            parts = [(pair[0], BODY)] + ([("\t", BODY), (pair[1], BODY)] if len(pair) == 2 else [])
            self.para(parts, align="left", first_line=0, left=left, tab=centre, tab_align="center",
                      keep_next=dated or k < len(pairs), lines=1)

    def carried_plan(self) -> None:
        """The plan a 印发通知 transmits, on a new page: optional label on line 1, title, body."""
        plan = self.plan
        label = self.t.render("plan_label.j2", title=plan.title, kind=plan.kind)
        lines = list(plan.title_lines) or split_title(plan.title, self.title_per_line)
        if label:
            self.para([(label, ooxml.HEITI)], first_line=0, align="left", page_break_before=True, keep_next=True)
            self.blank()
            self.title(lines)
        else:
            self.title(lines, new_page=True)
        self.blank()
        self.plan_body()

    # 版记 ---------------------------------------------------------------------------------------

    def end_block(self, n: Notice) -> None:
        """版记 (抄送, 印发机关和印发日期 between rules) at the bottom of the last, even page.

        A borderless one-column table (rules: top and bottom 0.35 mm, between rows 0.25 mm) pushed to
        the bottom by an exact-height spacer. When the text ends on an odd page or leaves no room, the
        版记 goes into a last section that starts on the next even page and has no page numbers."""
        rows: list[tuple[str, str]] = []
        if self.moved_recipients:
            rows.append((self.t.render("recipients_end.j2", units=self.moved_recipients,
                                       separator=self.plan.style.separator), ""))
        if n.cc:
            rows.append((self.t.render("cc.j2", units=list(n.cc), separator=self.plan.style.separator), ""))
        if n.printed_by or n.printed_on:
            printed = self.t.render("printed.j2", date=date_text(self.t, n.printed_on)) if n.printed_on else ""
            rows.append((n.printed_by, printed))
        label = 3 * SMALL_CHAR  # 抄送： / 主送：, continuation lines align after the colon
        row_lines = [1 if right else line_count(left, SMALL_PT, left=SMALL_CHAR + label, right=SMALL_CHAR,
                                                 first_line=-label, spacing=0) for left, right in rows]
        height = sum(row_lines) * PITCH + (2 * THICK_RULE + (len(rows) - 1) * THIN_RULE) * 20 // 8
        end = paginate(self.blocks)
        used = end.used
        if not (end.page % 2 == 0 and used + 2 * PITCH + height <= ooxml.TEXT_HEIGHT):
            last = self.body[-1]
            assert isinstance(last, _Para)
            last.props["section"] = ooxml.page_section(footer=FOOTER_DISTANCE)  # the text's section ends here
            self.end_section = True
            used = 0
        pad = ooxml.TEXT_HEIGHT - used - height - END_SLACK
        if pad > 0:
            self.spacer(pad)
        rule = lambda size: ("single", size, ooxml.BLACK)  # noqa: E731
        sides = {"top": rule(THICK_RULE), "left": None, "bottom": rule(THICK_RULE), "right": None,
                 "insideH": rule(THIN_RULE), "insideV": None}
        props = wml.rpr(BODY, SMALL_PT, spacing=0)
        cells = []
        for left, right in rows:
            if right:
                p = wml.paragraph(wml.run(f"{left}\t{right}", props), wml.ppr(
                    STYLE_SMALL, "left", 0, SMALL_CHAR, SMALL_CHAR, PITCH, keep_next=True, tab=ooxml.TEXT_WIDTH - SMALL_CHAR))
            else:
                p = wml.paragraph(wml.run(left, props), wml.ppr(
                    STYLE_SMALL, "justify", -label, SMALL_CHAR + label, SMALL_CHAR, PITCH, keep_next=True))
            cells.append(wml.row([wml.cell(p, ooxml.TEXT_WIDTH, valign="")], cant_split=True))
        self.body.append("".join(wml.table(wml.table_properties([ooxml.TEXT_WIDTH], sides, 0, center=False), cells)))
        # a document cannot end with a table
        self.body.append(_Para("", dict(style=STYLE_BODY, first_line=0, line=20, asian=False)))

    # paragraphs ---------------------------------------------------------------------------------

    def para(
        self,
        parts: Sequence[tuple[str, str]],
        style: str = STYLE_BODY,
        size_pt: float = BODY_PT,
        align: str = "justify",
        first_line: int = INDENT,
        left: int = 0,
        right: int = 0,
        line: int = PITCH,
        keep_next: bool = False,
        keep_lines: bool = False,
        page_break_before: bool = False,
        color: str | None = None,
        lines: int | None = None,
        scale: int | None = None,
        bottom: wml.Border | None = None,
        tab: int | None = None,
        tab_align: str = "right",
    ) -> None:
        """One paragraph of runs (text, font), every run with explicit font and size; `scale` narrows
        the characters (percent), `bottom` draws a rule RULE_GAP_PT below, `tab` sets a tab stop (`tab_align`)."""
        runs = "".join(wml.run(text, wml.rpr(font, size_pt, color=color, scale=scale)) for text, font in parts if text)
        self.body.append(_Para(runs, dict(
            style=style, align=align, first_line=first_line, left=left, right=right, line=line, before=0, after=0,
            keep_next=keep_next, keep_lines=keep_lines, page_break_before=page_break_before, bottom=bottom,
            bottom_space=RULE_GAP_PT if bottom else 0, tab=tab, tab_align=tab_align)))
        text = "".join(t for t, _ in parts)
        count = lines if lines is not None else line_count(text, size_pt, first_line=first_line, left=left, right=right)
        self.blocks.append(Block(count, line, 0, keep_next, keep_lines, page_break_before))

    def keep_last(self) -> None:
        """Keep the last paragraph written with the next one."""
        last = self.body[-1]
        assert isinstance(last, _Para)
        last.props["keep_next"] = True
        self.blocks[-1].keep_next = True

    def blank(self, n: int = 1, keep_next: bool = False) -> None:
        for _ in range(n):
            self.spacer(PITCH, keep_next)

    def spacer(self, height: int, keep_next: bool = False) -> None:
        """An empty paragraph exactly `height` twips tall."""
        self.body.append(_Para("", dict(style=STYLE_BODY, first_line=0, line=max(height, 20), keep_next=keep_next)))
        self.blocks.append(Block(1, max(height, 20), keep_next=keep_next))

"""The notice (.docx): GB/T 9704 numbers in the XML, the seeds' text read back section by section,
byte-identical rebuilds, and, rendered by LibreOffice, 22 lines of 28 characters, page numbers on the
right sides and the 版记 at the bottom of the last, even page."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from functools import cache
from pathlib import Path

import docx
import pytest
from lxml import etree

from plancc.api import read_plan
from plancc.model import Plan
from plancc.problems import PlanError
from plancc.render import ooxml
from plancc.render.context import Context
from plancc.render.notice import heading_font, render, split_title
from plancc.render.pagination import line_count
from plancc.render.templates import Templates

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
NOTICE_DATA = ROOT / "tests" / "data" / "notice"
PLANS = sorted((ROOT / "plans").glob("*.yaml"))
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# Text a plan adds to its seed on purpose (documented in the plan's header comment).
ADDED = {"000": ["脱贫攻坚“春季攻势”行动方案"]}  # the seed has no title; the plan supplies one


@cache
def plan_of(path: Path) -> Plan:
    return read_plan(path)


@cache
def notice_bytes(path: Path) -> bytes:
    plan = plan_of(path)
    (out,) = render(plan, Context())
    assert out.name == f"{plan.id}.docx"
    return out.data


def part(data: bytes, name: str) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(name))


def paragraphs(data: bytes) -> list[etree._Element]:
    return list(part(data, "word/document.xml").iter(f"{W}p"))


def text_of(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(f"{W}t"))


def find_p(data: bytes, text: str) -> etree._Element:
    return next(p for p in paragraphs(data) if text in text_of(p))


def run_props(p: etree._Element, text: str) -> dict[str, str]:
    r = next(r for r in p.iter(f"{W}r") if text in "".join(t.text or "" for t in r.iter(f"{W}t")))
    fonts = r.find(f"{W}rPr/{W}rFonts")
    sz = r.find(f"{W}rPr/{W}sz")
    color = r.find(f"{W}rPr/{W}color")
    return {
        "font": fonts.get(f"{W}eastAsia"),
        "size": sz.get(f"{W}val") if sz is not None else "",
        "color": color.get(f"{W}val") if color is not None else "",
    }


FULL = ROOT / "examples" / "full.yaml"
JINGXIAN = ROOT / "plans" / "001-jingxian-notice.yaml"
GUANBA = ROOT / "plans" / "004-guanba-workpoints.yaml"
SHARED = NOTICE_DATA / "shared-page.yaml"
JOINT = NOTICE_DATA / "joint.yaml"


# --- page, fonts, styles ----------------------------------------------------------------------


def test_page_is_a4_with_gbt9704_margins() -> None:
    sect = part(notice_bytes(JINGXIAN), "word/document.xml").find(f"{W}body/{W}sectPr")
    size, mar = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar")
    assert (size.get(f"{W}w"), size.get(f"{W}h")) == ("11906", "16838")
    assert {k: mar.get(f"{W}{k}") for k in ("top", "bottom", "left", "right")} == {
        "top": "2098", "bottom": "1984", "left": "1588", "right": "1474"}
    assert sect.find(f"{W}docGrid").get(f"{W}linePitch") == "579"


@pytest.mark.parametrize("name", ["word/document.xml", "word/styles.xml", "word/footer1.xml", "word/footer2.xml"])
def test_every_font_names_all_four_slots_and_no_theme_font(name: str) -> None:
    root = part(notice_bytes(FULL), name)
    fonts = list(root.iter(f"{W}rFonts"))
    assert fonts
    for f in fonts:
        slots = {f.get(f"{W}{s}") for s in ("ascii", "hAnsi", "eastAsia", "cs")}
        assert len(slots) == 1 and None not in slots, etree.tostring(f)
        assert not any(a.endswith(("Theme", "theme")) for a in f.attrib)


def test_template_leftovers_are_gone_and_language_is_chinese() -> None:
    data = notice_bytes(FULL)
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert not any("thumbnail" in n or "stylesWithEffects" in n or n.startswith("customXml") for n in names)
    settings = part(data, "word/settings.xml")
    assert settings.find(f"{W}themeFontLang").get(f"{W}eastAsia") == "zh-CN"
    assert settings.find(f"{W}evenAndOddHeaders") is not None
    styles = part(data, "word/styles.xml")
    lang = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(f"{W}eastAsia") == "zh-CN"
    assert "word/theme/theme1.xml" not in names  # no theme: no theme font can stand in for the official ones
    # widow/orphan control is off everywhere, so no page loses a line
    assert styles.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr/{W}widowControl").get(f"{W}val") == "0"
    for style in styles.iter(f"{W}style"):
        wc = style.find(f"{W}pPr/{W}widowControl")
        assert wc is None or wc.get(f"{W}val") == "0"


def test_body_lines_are_exact_and_tightened_to_28_characters() -> None:
    styles = part(notice_bytes(JINGXIAN), "word/styles.xml")
    spacing = styles.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr/{W}spacing")
    assert (spacing.get(f"{W}line"), spacing.get(f"{W}lineRule")) == ("579", "exact")
    assert styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}spacing").get(f"{W}val") == "-5"
    assert 28 * (320 - 5) <= ooxml.TEXT_WIDTH < 29 * (320 - 5)
    assert 22 * 579 <= ooxml.TEXT_HEIGHT < 23 * 579


# --- 版头 --------------------------------------------------------------------------------------


def test_letterhead_mark_number_and_red_rule() -> None:
    data = notice_bytes(JINGXIAN)
    mark = find_p(data, "泾县扶贫开发领导小组文件")
    props = run_props(mark, "泾县扶贫开发领导小组文件")
    assert props["font"] == "方正小标宋简体" and props["color"] == "FF0000"
    assert mark.find(f"{W}pPr/{W}jc").get(f"{W}val") == "center"
    number = find_p(data, "泾扶组〔2020〕2号")
    assert text_of(number) == "泾扶组〔2020〕2号"
    assert run_props(number, "泾扶组")["font"] == "仿宋" and run_props(number, "泾扶组")["size"] == "32"
    rule = number.find(f"{W}pPr/{W}pBdr/{W}bottom")
    assert rule.get(f"{W}color") == "FF0000" and rule.get(f"{W}val") == "single"
    assert number.find(f"{W}pPr/{W}ind").get(f"{W}left") in (None, "0")  # the rule spans the text width


def test_copy_number_secrecy_urgency_and_signer() -> None:
    data = notice_bytes(FULL)
    texts = [text_of(p) for p in paragraphs(data)]
    head = [t for t in texts if t][:4]
    assert head == ["000001", "秘密★1年", "加急", "青石镇人民政府文件"]
    assert run_props(find_p(data, "秘密★1年"), "秘密")["font"] == "黑体"
    number = find_p(data, "签发人：")
    assert text_of(number) == "青石府发〔2020〕12号签发人：李明"
    assert number.find(f".//{W}r/{W}tab") is not None  # 签发人 at a right tab 1 字 from the edge
    assert number.find(f"{W}pPr/{W}ind").get(f"{W}firstLine") == str(ooxml.CHAR_PITCH)  # 发文字号 1 字 in
    assert run_props(number, "李明")["font"] == "楷体"


# --- 主体 --------------------------------------------------------------------------------------


def test_title_recipients_and_heading_fonts() -> None:
    data = notice_bytes(JINGXIAN)
    title = find_p(data, "关于切实做好新冠肺炎疫情防控期间")
    assert text_of(title) == "关于切实做好新冠肺炎疫情防控期间"  # split as title_lines asks
    assert run_props(title, "关于")["font"] == "方正小标宋简体" and run_props(title, "关于")["size"] == "44"
    assert text_of(find_p(data, "各乡镇、县直各单位")) == "各乡镇、县直各单位："
    h1 = find_p(data, "一、深化思想认识")
    assert run_props(h1, "一、")["font"] == "黑体"
    h2 = find_p(data, "（一）全力保障生命安全和身体健康。")
    assert run_props(h2, "（一）全力保障")["font"] == "楷体"
    assert run_props(h2, "认真做好疫情防控工作")["font"] == "仿宋"
    assert text_of(h2).endswith("（责任单位：县卫健委、县医保局、县民政局、各乡镇）")
    h3 = find_p(notice_bytes(GUANBA), "1.压实党委政府主体责任。")
    assert run_props(h3, "1.压实")["font"] == "仿宋"


def test_transmittal_signature_date_and_plan_on_a_new_page() -> None:
    data = notice_bytes(GUANBA)
    assert text_of(find_p(data, "各村，机关各部门")) == "各村，机关各部门，区级派驻机构，各帮扶集团单位："
    date = find_p(data, "2020年4月9日")
    assert text_of(date) == "2020年4月9日"
    sig = find_p(data, "重庆市綦江区关坝镇人民政府")
    assert sig.find(f"{W}pPr/{W}keepNext") is not None
    title = next(p for p in paragraphs(data) if text_of(p) == "关坝镇2020年脱贫攻坚工作要点")
    assert title.find(f"{W}pPr/{W}pageBreakBefore") is not None


def test_attachment_note_seal_layout_note_and_end_block() -> None:
    data = notice_bytes(FULL)
    assert text_of(find_p(data, "附件：")) == "附件：青石镇2020年产业扶贫项目计划表"
    assert text_of(find_p(data, "此件发至各村")) == "（此件发至各村）"
    date = find_p(data, "2020年2月20日")
    assert date.find(f"{W}pPr/{W}ind").get(f"{W}right") == str(4 * ooxml.CHAR_PITCH)  # 右空四字 (sealed)
    doc = part(data, "word/document.xml")
    table = doc.find(f"{W}body/{W}tbl")
    cells = ["".join(t.text or "" for t in tc.iter(f"{W}t")) for tc in table.iter(f"{W}tc")]
    assert cells == ["抄送：区扶贫办、区农业农村委。", "青石镇党政办公室2020年2月21日印发"]
    borders = table.find(f"{W}tblPr/{W}tblBorders")
    size = {side: borders.find(f"{W}{side}").get(f"{W}sz") for side in ("top", "insideH", "bottom")}
    assert size == {"top": "8", "insideH": "6", "bottom": "8"}  # 0.35 / 0.25 / 0.35 mm
    assert run_props(table, "抄送")["size"] == "28"  # 四号
    # the text ends on an odd page: the 版记 section starts on the next even page, without numbers
    last = doc.find(f"{W}body/{W}sectPr")
    assert last.find(f"{W}type").get(f"{W}val") == "evenPage"


def test_unsealed_signature_two_characters_from_the_right_and_date_two_further() -> None:
    data = notice_bytes(SHARED)
    sig = next(p for p in paragraphs(data) if text_of(p) == "青石镇人民政府")
    date = find_p(data, "2020年3月2日")
    assert sig.find(f"{W}pPr/{W}jc").get(f"{W}val") == "right"
    right = int(sig.find(f"{W}pPr/{W}ind").get(f"{W}right"))
    assert right >= 2 * ooxml.CHAR_PITCH  # 署名 at least 2 字 from the right
    start = ooxml.TEXT_WIDTH - right - 7 * ooxml.CHAR_PITCH  # 7 characters in 青石镇人民政府
    date_left = int(date.find(f"{W}pPr/{W}ind").get(f"{W}left"))
    assert date_left == start + 2 * ooxml.CHAR_PITCH  # 成文日期 starts 2 字 right of the 署名
    width = 6 * (160 - 5) + 3 * (320 - 5)  # 2020年3月2日: six half-width digits, three characters
    assert date_left + width <= ooxml.TEXT_WIDTH - 2 * ooxml.CHAR_PITCH  # and ends at least 2 字 from the right
    assert part(data, "word/document.xml").find(f"{W}body/{W}sectPr/{W}type") is None  # 版记 shares page 2


def test_page_numbers_are_page_fields_odd_right_even_left() -> None:
    data = notice_bytes(JINGXIAN)
    rels = part(data, "word/_rels/document.xml.rels")
    targets = {r.get("Id"): r.get("Target") for r in rels}
    sect = part(data, "word/document.xml").find(f"{W}body/{W}sectPr")
    refs = {r.get(f"{W}type"): targets[r.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")]
            for r in sect.findall(f"{W}footerReference")}
    for kind, align, indent in (("default", "right", "right"), ("even", "left", "left")):
        footer = part(data, f"word/{refs[kind]}")
        p = footer.find(f"{W}p")
        assert "PAGE" in "".join(t.text or "" for t in footer.iter(f"{W}instrText"))
        assert [fc.get(f"{W}fldCharType") for fc in footer.iter(f"{W}fldChar")] == ["begin", "separate", "end"]
        assert text_of(p) == "— 1 —"
        assert p.find(f"{W}pPr/{W}jc").get(f"{W}val") == align
        assert p.find(f"{W}pPr/{W}ind").get(f"{W}{indent}") == "280"  # 1 字 of 四号
        assert run_props(p, "—")["font"] == "宋体" and run_props(p, "—")["size"] == "28"


# --- wording -----------------------------------------------------------------------------------


def test_heading_fonts_follow_the_label_style() -> None:
    assert [heading_font(x) for x in ("一、", "十二、", "第二部分\u3000", "（一）", "(三)", "1.", "（1）", "一是", "41．", "第一，")] == [
        "黑体", "黑体", "黑体", "楷体", "楷体", "仿宋", "仿宋", "仿宋", "仿宋", "仿宋"]


def test_units_on_lines_of_their_own_follow_the_task_as_body_paragraphs(tmp_path: Path) -> None:
    data = notice_bytes(ROOT / "examples" / "attribution-分行.yaml")
    texts = [text_of(p) for p in paragraphs(data)]
    start = texts.index("（二）推进老旧小区改造。完成12个老旧小区改造任务。")  # nothing appended to the task
    assert texts[start - 2 : start] == ["责任单位：区城管局、各街道办事处", "完成时限：2023年6月底前"]  # no 牵头单位 line
    assert texts[start + 1 : start + 7] == [
        "牵头单位：区住建局", "责任单位：区财政局、各街道办事处", "完成时限：2023年11月30日前",
        "（三）整治河道环境。开展河道清淤保洁，消除黑臭水体。", "责任单位：区水务局（河长制办公室）", "完成时限：长期坚持",
    ]
    line = find_p(data, "牵头单位：区住建局")
    body = find_p(data, "完成12个老旧小区改造任务")
    keep = [p.find(f"{W}pPr/{W}keepNext") is not None for p in paragraphs(data)[start : start + 5]]
    assert keep == [True, True, True, False, True]  # each task and its lines stay on one page
    assert line.find(f"{W}pPr/{W}ind").attrib == body.find(f"{W}pPr/{W}ind").attrib  # indented like the body
    assert run_props(line, "区住建局")["font"] == ooxml.FANGSONG
    # a section's units in this style: lines under its heading, before its tasks
    yaml_text = (ROOT / "examples" / "attribution-分行.yaml").read_text(encoding="utf-8")
    yaml_text = yaml_text.replace("  - section: 重点任务\n", "  - section: 重点任务\n    lead: [区城管局]\n", 1)
    (tmp_path / "p.yaml").write_text(yaml_text, encoding="utf-8")
    texts = [text_of(p) for p in paragraphs(render(read_plan(tmp_path / "p.yaml"), Context())[0].data)]
    at = texts.index("一、重点任务")
    assert texts[at + 1 : at + 3] == ["牵头单位：区城管局", "（一）开展垃圾分类攻坚。全面推行生活垃圾分类，新建分类收集点200个。"]


def test_an_unnumbered_task_is_a_body_paragraph_and_not_counted(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(
        "plancc: 1\nid: p\nkind: 方案\ntitle: 某镇工作方案\nunits: [{id: 镇农办}]\n"
        "body:\n  - section: 重点任务\n    numbering: 1.\n    body:\n"
        "      - {action: 加强宣传引导。, label: '', responsible: [镇农办]}\n"
        "      - {action: 强化巡查, text: 开展巡查。, responsible: [镇农办]}\n"
        "      - {action: 严格考核, text: 每月通报。, responsible: [镇农办]}\n", encoding="utf-8")
    data = render(read_plan(tmp_path / "p.yaml"), Context())[0].data
    texts = [text_of(p) for p in paragraphs(data)]
    at = texts.index("加强宣传引导。（责任单位：镇农办）")
    assert texts[at + 1 : at + 3] == ["1.强化巡查。开展巡查。（责任单位：镇农办）", "2.严格考核。每月通报。（责任单位：镇农办）"]
    assert run_props(find_p(data, "加强宣传引导"), "加强宣传引导")["font"] == ooxml.FANGSONG


def test_long_titles_split_in_balanced_lines_without_breaking_names() -> None:
    lines = split_title("关于印发《关坝镇2020年脱贫攻坚工作要点》的通知", 20)
    assert "".join(lines) == "关于印发《关坝镇2020年脱贫攻坚工作要点》的通知" and len(lines) == 2
    assert all(len(x) <= 20 for x in lines) and len(lines[0]) >= len(lines[1])
    assert split_title("短标题", 20) == ["短标题"]


def test_line_count_follows_the_grid() -> None:
    assert line_count("字" * 28) == 1
    assert line_count("字" * 29) == 2
    assert line_count("字" * 26, first_line=630) == 1 and line_count("字" * 27, first_line=630) == 2
    assert line_count("字" * 28 + "。") == 1  # 。 hangs in the margin
    assert line_count("字" * 27 + "字）") == 2  # ） takes 字 along to the next line


def test_user_templates_override_wording_and_undefined_names_fail(tmp_path: Path) -> None:
    (tmp_path / "date.j2").write_text("{{ year }}年{{ month }}月{{ day }}日签", encoding="utf-8")
    (out,) = render(plan_of(GUANBA), Context(Templates(tmp_path)))
    assert text_of(find_p(out.data, "2020年4月9日")) == "2020年4月9日签"
    (tmp_path / "date.j2").write_text("{{ yaer }}", encoding="utf-8")
    with pytest.raises(PlanError) as info:
        render(plan_of(GUANBA), Context(Templates(tmp_path)))
    assert info.value.problems[0].code == "template-error"


def test_same_plan_gives_identical_bytes() -> None:
    plan = plan_of(FULL)
    first, second = render(plan, Context())[0].data, render(plan, Context())[0].data
    assert first == second
    core = zipfile.ZipFile(io.BytesIO(first)).read("docProps/core.xml").decode()
    assert "2020-02-20T00:00:00Z" in core
    assert {i.date_time for i in zipfile.ZipFile(io.BytesIO(first)).infolist()} == {(1980, 1, 1, 0, 0, 0)}


# --- text round trip ----------------------------------------------------------------------------


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text.replace("[bookmark: _GoBack]", ""))


def sections(text: str, headings: list[str]) -> list[str]:
    """Cut squeezed text at each level-1 heading (in order)."""
    out, rest = [], text
    for h in headings:
        i = rest.find(h)
        assert i >= 0, f"missing heading {h}"
        out.append(rest[:i])
        rest = rest[i:]
    return out + [rest]


@pytest.mark.parametrize("path", PLANS, ids=[p.stem for p in PLANS])
def test_notice_text_equals_the_seed_section_by_section(path: Path) -> None:
    number = path.name[:3]
    seeds = list(SEEDS.glob(f"{number}_*.txt"))
    if not seeds:
        pytest.skip(f"no seed {number}")
    plan = plan_of(path)
    document = docx.Document(io.BytesIO(notice_bytes(path)))
    got = squeeze("".join(p.text for p in document.paragraphs))
    for added in ADDED.get(number, []):
        assert added in got
        got = got.replace(added, "", 1)
    want = squeeze(seeds[0].read_text(encoding="utf-8"))
    headings = [squeeze(f"{s.label}{s.heading}") for s in plan.body if not isinstance(s, str) and hasattr(s, "heading")]
    if plan.kind == "印发通知":
        headings = [squeeze(plan.title)] + headings
    for n, (g, w) in enumerate(zip(sections(got, headings), sections(want, headings))):
        assert g == w, f"section {n} ({(['front'] + headings)[n][:12]}) differs"


# --- rendered by LibreOffice ------------------------------------------------------------------

TOP, BOTTOM = ooxml.GBT_MARGINS.top / 20, (16838 - ooxml.GBT_MARGINS.bottom) / 20  # text block, pt
LEFT, RIGHT = ooxml.GBT_MARGINS.left / 20, (11906 - ooxml.GBT_MARGINS.right) / 20
HANG = set("，。、；：？！")
NO_START = set("，。、；：？！）》”’")
NO_END = set("（《“‘")
PITCH_PT = 28.95  # one line of the grid
BODY_LINE = 20.8  # height pdftotext gives a line of 三号 text
FIRST_SLOT = TOP + 6.6  # where pdftotext puts the top of the first line of 三号 text

needs_office = pytest.mark.skipif(
    (shutil.which("soffice") or shutil.which("libreoffice")) is None or shutil.which("pdftotext") is None,
    reason="needs LibreOffice (soffice) and pdftotext",
)


@cache
def rendered(path: Path, folder: str) -> list[list[tuple[float, float, float, float, str]]]:
    """Lines (xMin, yMin, xMax, yMax, text) of each page of the notice rendered to PDF."""
    from plancc.pdf import to_pdf

    target = Path(folder) / f"{path.stem}.docx"
    target.write_bytes(notice_bytes(path))
    pdf = to_pdf(target)
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in re.findall(r"<page.*?</page>", xml, re.DOTALL):
        lines = []
        for x0, y0, x1, y1, body in re.findall(
                r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>', page, re.DOTALL):
            words = re.findall(r"<word[^>]*>(.*?)</word>", body)
            text = "".join(words).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
            lines.append((float(x0), float(y0), float(x1), float(y1), text))
        pages.append(lines)
    return pages


@pytest.fixture(scope="module")
def render_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("notice-pdf"))


def body_lines(page: list[tuple]) -> list[tuple]:
    return [line for line in page if line[3] <= BOTTOM + 2]


def number_line(page: list[tuple]) -> tuple | None:
    below = [line for line in page if line[1] > BOTTOM]
    return below[0] if below else None


LAYOUT_PLANS = [JINGXIAN, GUANBA, ROOT / "plans" / "000-spring-offensive.yaml", FULL, SHARED, JOINT]


@needs_office
@pytest.mark.render
@pytest.mark.parametrize("path", LAYOUT_PLANS, ids=[p.stem for p in LAYOUT_PLANS])
def test_rendered_pages_have_22_lines_of_28_characters(path: Path, render_dir: str) -> None:
    pages = rendered(path, render_dir)
    full_pages, full_lines = 0, 0
    flow = [line[4] for page in pages for line in body_lines(page)]
    at = 0
    for n, page in enumerate(pages, 1):
        lines = body_lines(page)
        if not lines:
            continue
        # no page holds a 23rd line: the last body line starts in slot 21 at most
        assert (lines[-1][1] - FIRST_SLOT) / PITCH_PT < 21.2, f"page {n} runs past 22 lines"
        body_only = all(abs((y1 - y0) - BODY_LINE) < 1.5 for _, y0, _, y1, _ in lines)
        if body_only and lines[0][1] < FIRST_SLOT + 2 and lines[-1][3] > BOTTOM - 10:
            assert len(lines) == 22, f"page {n}: {len(lines)} lines"
            full_pages += 1
        for i, (x0, _, x1, _, text) in enumerate(lines):
            following = flow[at + i + 1] if at + i + 1 < len(flow) else ""
            full_width = abs(x0 - LEFT) < 2 and x1 > RIGHT - 3
            if not (full_width and text and not any(c.isascii() for c in text)):
                continue
            allowed = {28}
            if text[-1] in HANG:
                allowed.add(29)  # a comma or full stop hangs in the margin
            if following[:1] in NO_END or following[1:2] in NO_START:
                allowed.add(27)  # an opening mark, or the character before a closing one, moved down
            assert len(text) in allowed, f"page {n}: {len(text)} characters: {text}"
            full_lines += 1 if len(text) == 28 else 0
        at += len(lines)
    if len(pages) > 2:
        assert full_pages >= 1
    assert full_lines >= (10 if path in PLANS else 1)


@needs_office
@pytest.mark.render
@pytest.mark.parametrize("path", LAYOUT_PLANS, ids=[p.stem for p in LAYOUT_PLANS])
def test_rendered_page_numbers_odd_right_even_left(path: Path, render_dir: str) -> None:
    pages = rendered(path, render_dir)
    numbered = 0
    for n, page in enumerate(pages, 1):
        line = number_line(page)
        if line is None:
            continue
        x0, y0, x1, _, text = line
        assert text == f"—{n}—"
        assert abs(y0 - (BOTTOM + 7 * 72 / 25.4)) < 6  # about 7 mm below the text block
        if n % 2:
            assert abs(x1 - (RIGHT - 14)) < 3, f"page {n} right edge {x1}"
        else:
            assert abs(x0 - (LEFT + 14)) < 3, f"page {n} left edge {x0}"
        numbered += 1
    assert numbered >= len(pages) - 1


@needs_office
@pytest.mark.render
@pytest.mark.parametrize("path", [FULL, SHARED], ids=["own-page", "shared-page"])
def test_rendered_end_block_sits_at_the_bottom_of_the_last_even_page(path: Path, render_dir: str) -> None:
    pages = rendered(path, render_dir)
    assert len(pages) % 2 == 0
    last = body_lines(pages[-1])
    assert last[-1][4].endswith("印发") and any("抄送" in line[4] for line in last[-3:])
    assert BOTTOM - 12 < last[-1][3] <= BOTTOM + 2
    assert not any(line[4].endswith("日印发") for page in pages[:-1] for line in page)


@needs_office
@pytest.mark.render
def test_rendered_mark_starts_35_mm_below_the_text_block(render_dir: str) -> None:
    first = rendered(JINGXIAN, render_dir)[0]
    mark = next(line for line in first if line[4] == "泾县扶贫开发领导小组文件")
    assert abs(mark[1] - (TOP + 35 * 72 / 25.4)) < 3 * 72 / 25.4


def test_long_mark_is_narrowed_to_one_line(tmp_path: Path) -> None:
    source = SHARED.read_text(encoding="utf-8").replace("mark: 青石镇人民政府文件", "mark: " + "重庆市綦江区关坝镇人民政府扶贫开发领导小组办公室文件")
    (tmp_path / "long.yaml").write_text(source, encoding="utf-8")
    (out,) = render(read_plan(tmp_path / "long.yaml"), Context())
    mark = find_p(out.data, "办公室文件")
    run = next(mark.iter(f"{W}r"))
    assert run.find(f"{W}rPr/{W}sz").get(f"{W}val") == "44"  # not below 二号
    assert int(run.find(f"{W}rPr/{W}w").get(f"{W}val")) < 100  # narrowed instead of wrapped


def test_bare_plan_starts_with_its_title() -> None:
    data = notice_bytes(ROOT / "plans" / "000-spring-offensive.yaml")
    texts = [text_of(p) for p in paragraphs(data)]
    assert texts[0] == "脱贫攻坚“春季攻势”行动方案" and texts[1] == ""
    assert not any(r.find(f"{W}rPr/{W}color") is not None and r.find(f"{W}rPr/{W}color").get(f"{W}val") == "FF0000"
                   for r in part(data, "word/document.xml").iter(f"{W}r"))
    assert part(data, "word/document.xml").find(f"{W}body/{W}tbl") is None  # no 版记 without cc / 印发机关


def test_too_many_recipients_move_to_the_end_block(tmp_path: Path) -> None:
    many = ", ".join(f"第{i}村民委员会" for i in range(1, 90))
    source = SHARED.read_text(encoding="utf-8").replace("to: [各村, 镇直各部门]", f"to: [{many}]")
    (tmp_path / "many.yaml").write_text(source, encoding="utf-8")
    (out,) = render(read_plan(tmp_path / "many.yaml"), Context())
    table = part(out.data, "word/document.xml").find(f"{W}body/{W}tbl")
    first_row = "".join(t.text or "" for t in next(table.iter(f"{W}tc")).iter(f"{W}t"))
    assert first_row.startswith("主送：第1村民委员会，第2村民委员会") and first_row.endswith("第89村民委员会。")
    assert not any(text_of(p).endswith("村民委员会：") for p in paragraphs(out.data))


def test_plan_label_template_puts_an_attachment_label_on_line_one(tmp_path: Path) -> None:
    (tmp_path / "plan_label.j2").write_text("附件", encoding="utf-8")
    (out,) = render(plan_of(GUANBA), Context(Templates(tmp_path)))
    texts = [text_of(p) for p in paragraphs(out.data)]
    i = texts.index("附件")
    assert texts[i + 1] == "" and texts[i + 2] == "关坝镇2020年脱贫攻坚工作要点"  # title on line 3
    label = paragraphs(out.data)[i]
    assert label.find(f"{W}pPr/{W}pageBreakBefore") is not None and run_props(label, "附件")["font"] == "黑体"


ORGANS = ["中共某县委员会办公室", "某县人民政府办公室"]


def test_joint_mark_stacks_the_organs_with_the_suffix_centred_to_their_right() -> None:
    data = notice_bytes(JOINT)
    table = part(data, "word/document.xml").find(f"{W}body/{W}tbl")
    rows = table.findall(f"{W}tr")
    assert [text_of(r.findall(f"{W}tc")[0]) for r in rows] == ORGANS  # the lead organ first
    for r in rows:
        name = r.findall(f"{W}tc")[0]
        assert name.find(f".//{W}jc").get(f"{W}val") == "distribute"  # spread to the same width
        assert {c.get(f"{W}val") for c in name.iter(f"{W}color")} == {"FF0000"}
    suffix = [r.findall(f"{W}tc")[1] for r in rows]
    assert text_of(suffix[0]).strip() == "文件" and text_of(suffix[1]) == ""
    assert suffix[0].find(f".//{W}vMerge").get(f"{W}val") == "restart" and suffix[1].find(f".//{W}vMerge") is not None
    assert suffix[0].find(f".//{W}vAlign").get(f"{W}val") == "center"
    assert table.find(f".//{W}tblBorders/{W}top").get(f"{W}val") == "nil"


def test_joint_signature_lists_every_organ_above_the_date() -> None:
    body = paragraphs(notice_bytes(JOINT))
    texts = [text_of(p) for p in body]
    i = len(texts) - 1 - texts[::-1].index(ORGANS[0])  # after the mark, which names them too
    assert texts[i : i + 3] == ORGANS + ["2021年3月1日"]
    assert len({p.find(f"{W}pPr/{W}ind").get(f"{W}right") for p in body[i : i + 2]}) == 1  # right edges aligned


@needs_office
@pytest.mark.render
def test_rendered_joint_mark(render_dir: str) -> None:
    first = rendered(JOINT, render_dir)[0]
    names = [next(line for line in first if line[4] == o) for o in ORGANS]
    word = next(line for line in first if line[4] == "文件")
    assert abs(names[0][1] - (TOP + 35 * 72 / 25.4)) < 3 * 72 / 25.4  # 35 mm below the top, as one organ
    assert abs(names[0][0] - names[1][0]) < 2 and abs(names[0][2] - names[1][2]) < 2  # same width
    middle = (names[0][1] + names[1][3]) / 2
    assert abs((word[1] + word[3]) / 2 - middle) < 4 and word[0] > names[0][2]  # centred, to the right


@needs_office
@pytest.mark.render
def test_rendered_sealed_joint_signature_side_by_side_last_over_the_date(tmp_path: Path) -> None:
    source = JOINT.read_text(encoding="utf-8").replace("sealed: false", "sealed: true")
    (tmp_path / "sealed.yaml").write_text(source, encoding="utf-8")
    page = next(p for p in rendered(tmp_path / "sealed.yaml", str(tmp_path)) if any(line[4] == "2021年3月1日" for line in p))
    both = next(line for line in page if line[4] == "".join(ORGANS))  # one line, left to right
    date = next(line for line in page if line[4] == "2021年3月1日")
    body_pt = ooxml.SIZES["三号"]
    second = both[2] - body_pt * len(ORGANS[1])  # where the second organ starts (16 pt a character)
    # the last organ centred on the date (as estimated before layout: digits' widths vary by font)
    assert abs((second + both[2]) / 2 - (date[0] + date[2]) / 2) < body_pt * 0.75
    assert date[1] > both[3] and second - (both[0] + body_pt * len(ORGANS[0])) >= body_pt * 0.5  # apart (1 字 as laid out)


def test_three_sealed_issuers_leave_a_seal_between_rows_the_lead_organ_on_the_left(tmp_path: Path) -> None:
    source = JOINT.read_text(encoding="utf-8").replace("sealed: false", "sealed: true").replace(
        "signature: [中共某县委员会办公室, 某县人民政府办公室]", "signature: [中共某县委员会办公室, 某县人民政府办公室, 某县林业局]")
    (tmp_path / "three.yaml").write_text(source, encoding="utf-8")
    body = paragraphs(render(read_plan(tmp_path / "three.yaml"), Context())[0].data)
    texts = [text_of(p) for p in body]
    first = len(texts) - 1 - texts[::-1].index(ORGANS[0])
    row = texts.index(ORGANS[1] + "某县林业局")
    assert row - first - 1 >= 4 and all(t == "" for t in texts[first + 1 : row])  # 42 mm seals do not meet
    lead, pair = (int(body[i].find(f"{W}pPr/{W}ind").get(f"{W}left")) for i in (first, row))
    assert abs(lead - pair) < 2 * 320  # the lead organ sits in the left seal's column
    assert texts[row + 1] == "2021年3月1日"

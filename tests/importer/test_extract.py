"""Extraction: encodings, Word documents, and the artefacts that are cleaned."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from plancc.importer.extract import clean, decode, extract, squeeze, text_rows, unfinished
from plancc.problems import PlanError

from .conftest import DATA, numbered_docx


def lines_of(text: str) -> list[str]:
    rows = [(i + 1, line, None, 0) for i, line in enumerate(text.split("\n"))]
    return [line.text for line in clean(rows).lines]


def codes(exc: pytest.ExceptionInfo[PlanError]) -> list[str]:
    return [p.code for p in exc.value.problems]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_text_in_every_office_encoding(encoding: str) -> None:
    text = "关于做好春耕生产工作的通知\n一、抓好粮食生产"
    assert decode(text.encode(encoding), "x.txt") == text


def test_gbk_fixture_reads_as_chinese() -> None:
    lines = [line.text for line in extract(DATA / "gbk-notice.txt").lines]
    assert lines[:3] == ["某县人民政府办公室文件", "某政办〔2021〕15号", "关于做好2021年春季农业生产工作的通知"]


@pytest.mark.parametrize("name, code", [("binary.txt", "import-binary")])
def test_binary_file_named_txt_is_refused_clearly(name: str, code: str) -> None:
    with pytest.raises(PlanError) as exc:
        extract(DATA / name)
    assert codes(exc) == [code]
    assert exc.value.problems[0].line == 0


def test_word_document_under_a_txt_name_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes((DATA / "table.docx").read_bytes())
    with pytest.raises(PlanError) as exc:
        extract(path)
    assert codes(exc) == ["import-binary"]


@pytest.mark.parametrize(
    "name, data, code",
    [
        ("plan.pdf", b"%PDF-1.4\n", "import-format"),
        ("broken.docx", b"PK\x03\x04 not really a zip", "docx-broken"),
        ("empty.docx", b"", "docx-broken"),
        ("random.txt", bytes(range(128, 256)) * 8, "import-encoding"),
    ],
)
def test_unreadable_files_give_one_clear_problem(tmp_path: Path, name: str, data: bytes, code: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(PlanError) as exc:
        extract(path)
    assert codes(exc) == [code]


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # how .doc and .wps files begin


def test_a_doc_file_without_libreoffice_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANCC_SOFFICE", str(tmp_path / "no-such-soffice"))
    for name in ("old.doc", "old.wps", "named-wrongly.txt"):  # an OLE file is converted whatever its name
        (tmp_path / name).write_bytes(OLE + b"\x00" * 100)
        with pytest.raises(PlanError) as exc:
            extract(tmp_path / name)
        assert codes(exc) == ["import-needs-office"]
        assert "另存为 .docx" in exc.value.problems[0].hint()


def test_a_failed_conversion_is_one_clear_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    exe = tmp_path / "soffice"
    exe.write_text("#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 1\n", encoding="utf-8")
    exe.chmod(0o755)
    monkeypatch.setenv("PLANCC_SOFFICE", str(exe))
    (tmp_path / "old.doc").write_bytes(OLE + b"\x00" * 100)
    with pytest.raises(PlanError) as exc:
        extract(tmp_path / "old.doc")
    assert codes(exc) == ["import-convert-failed"] and "could not be loaded" in exc.value.problems[0].message()


@pytest.mark.render
@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
def test_a_doc_file_reads_as_the_same_document_saved_as_docx(tmp_path: Path) -> None:
    from plancc.office import converted

    source = tmp_path / "table.docx"
    source.write_bytes((DATA / "table.docx").read_bytes())
    with converted([source], "doc", 120) as out:
        doc = tmp_path / "table.doc"
        doc.write_bytes(out[source].read_bytes())
    assert doc.read_bytes().startswith(OLE)
    def words(path: Path) -> list[str]:  # spacing may change in the round trip through .doc
        return [line.text.replace(" ", "") for line in extract(path).lines]

    assert words(doc) == words(source)
    renamed = tmp_path / "saved-as.txt"  # an old Word file under a text file's name
    renamed.write_bytes(doc.read_bytes())
    assert words(renamed) == words(source)


@pytest.mark.render
@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
def test_rtf_reads_under_any_name(tmp_path: Path) -> None:
    from plancc.office import converted

    source = tmp_path / "table.docx"
    source.write_bytes((DATA / "table.docx").read_bytes())
    with converted([source], "rtf", 120) as out:
        rtf = out[source].read_bytes()
    assert rtf.startswith(b"{\\rtf")

    def words(path: Path) -> list[str]:
        return [line.text.replace(" ", "") for line in extract(path).lines]

    for name in ("saved.rtf", "saved.doc", "saved.txt"):  # Word saves RTF as .doc too
        (tmp_path / name).write_bytes(rtf)
        assert words(tmp_path / name)[:4] == words(source)[:4], name


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(PlanError) as exc:
        extract(tmp_path / "nope.txt")
    assert codes(exc) == ["file-not-found"]


def test_bookmarks_and_page_numbers_are_cleaned() -> None:
    assert lines_of("[bookmark: _GoBack]（三）强化舆论引导。各村大力宣传。\n\n- 2 -\n\n四、工作要求") == [
        "（三）强化舆论引导。各村大力宣传。",
        "四、工作要求",
    ]


def test_spaces_inside_chinese_text_are_removed_but_not_after_a_label() -> None:
    assert squeeze("切实提高数据质量；\u00a0\u00a0\u00a0 严格对照省办要求")[0] == "切实提高数据质量；严格对照省办要求"
    assert squeeze("1. 压实党委政府主体责任")[0] == "1. 压实党委政府主体责任"
    assert squeeze("关于切实做好疫情防控期间 脱贫攻坚工作的通知")[1] == ("关于切实做好疫情防控期间", "脱贫攻坚工作的通知")


def test_a_sentence_cut_by_a_page_break_is_joined() -> None:
    text = "（二）切实解决就业难题。抓住时机，切实做好因疫情暂时无法外\n\n出务工贫困劳动力就业工作。（责任单位：县人社局）"
    assert lines_of(text) == ["（二）切实解决就业难题。抓住时机，切实做好因疫情暂时无法外出务工贫困劳动力就业工作。（责任单位：县人社局）"]


def test_hard_wrapped_lines_are_joined() -> None:
    text = "提高自我防护能力。认真总结提炼工作中好的模式和方\n法，多形式、全方位进行宣传推广。大力宣传和总结疫情防控\n期间的脱贫攻坚生动事例和感人事迹，形成脱贫攻坚强大正能\n量。"
    assert lines_of(text) == ["提高自我防护能力。认真总结提炼工作中好的模式和方法，多形式、全方位进行宣传推广。大力宣传和总结疫情防控期间的脱贫攻坚生动事例和感人事迹，形成脱贫攻坚强大正能量。"]


def test_a_line_ending_in_a_comma_continues_after_blank_lines() -> None:
    assert lines_of("切实增强“四个意识”、坚定“四个自信”、\n\n\n做到“两个维护”。") == ["切实增强“四个意识”、坚定“四个自信”、做到“两个维护”。"]


@pytest.mark.parametrize(
    "text",
    [
        "一、深化思想认识，坚决打赢疫情防控阻击战和脱贫攻坚战\n\n2020年是决胜全面建成小康社会之年。",
        "关坝镇2020年脱贫攻坚工作要点\n2020年是全面建成小康社会目标实现之年。",
        "重庆市綦江区关坝镇人民政府\n\n2020年4月9日",
        "各乡镇、县直各单位：\n\n为贯彻落实重要指示精神，现通知如下。",
        "防止因疫情出现返贫，做好各项动态调整工作，加强监测\n（一）强化组织领导。",
    ],
)
def test_headings_titles_and_sign_offs_are_not_joined(text: str) -> None:
    assert len(lines_of(text)) == 2


def test_unbalanced_title_is_joined_and_keeps_its_lines() -> None:
    rows = [(1, " 关于印发《关坝镇2020年脱贫攻坚", None, 0), (2, "", None, 0), (3, "工作要点》的通知", None, 0)]
    (line,) = clean(rows).lines
    assert line.text == "关于印发《关坝镇2020年脱贫攻坚工作要点》的通知"
    assert line.parts == ("关于印发《关坝镇2020年脱贫攻坚", "工作要点》的通知")


def test_unfinished() -> None:
    assert unfinished("确保“账账")
    assert not unfinished("做到科学")
    assert not unfinished("二、时间安排")
    assert not unfinished("各乡镇、县直各单位：")


def test_docx_paragraphs_and_tables_in_document_order() -> None:
    extracted = extract(DATA / "table.docx")
    texts = [line.text for line in extracted.lines]
    assert texts[:4] == ["某镇2021年产业发展", "工作方案", "为推动全镇产业发展，带动群众增收，结合实际，制定本方案。", "一、重点任务"]
    rows = [line for line in extracted.lines if line.cells is not None]
    assert rows[0].cells == ("序号", "工作任务", "牵头单位", "责任单位", "完成时限")
    assert rows[1].cells[1] == "发展特色种植。新建特色种植基地2个。"
    assert texts.index("二、保障措施") > texts.index(rows[-2].text)
    assert rows[-1].cells == ("联系人：张明", "联系电话：0563-1234567")


def test_tab_separated_lines_of_a_text_file_are_table_rows() -> None:
    rows = text_rows("标题\n序号\t工作任务\t责任单位\n1\t推进建设\t镇中心校\n\n正文\t有一个制表符\n甲\t\t\n2\t3\t4")
    assert [(no, cells, table) for no, _, cells, table in rows] == [
        (1, None, 0), (2, ("序号", "工作任务", "责任单位"), 1), (3, ("1", "推进建设", "镇中心校"), 1), (4, None, 0),
        (5, None, 0), (6, None, 0), (7, ("2", "3", "4"), 2),  # two cells, or one filled, are not a row
    ]


def test_docx_text_boxes_breaks_and_deleted_text(tmp_path: Path) -> None:
    document = docx.Document()
    p = document.add_paragraph("第一行")
    p.add_run().add_break()
    p.add_run("第二行")
    deleted = document.add_paragraph("保留")
    # a tracked deletion is not text of the document
    from docx.oxml import parse_xml

    deleted._p.append(parse_xml(
        '<w:del xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:id="1" w:author="x">'
        "<w:r><w:delText>删除的字</w:delText></w:r></w:del>"
    ))
    path = tmp_path / "doc.docx"
    document.save(str(path))
    assert [line.text for line in extract(path).lines] == ["第一行", "第二行", "保留"]



def test_word_automatic_numbering_is_read_as_typed_labels(tmp_path: Path) -> None:
    path = tmp_path / "numbered.docx"
    numbered_docx(path, [
        ("某镇2023年秸秆禁烧工作方案", None, 0),
        ("要点", "4", 0),  # a bullet: no label
        ("工作任务", "style", 0),  # numbered through its style
        ("加强宣传引导。", "1", 1),
        ("细化宣传方案。", "1", 2),
        ("强化巡查管控。", "1", 1),
        ("保障措施", "style", 0),
        ("加强组织领导。", "2", 0),
        ("严格责任追究。", "2", 0),
        ("另起编号。", "3", 0),  # a list that overrides its start begins anew
    ])
    assert [line.text for line in extract(path).lines] == [
        "某镇2023年秸秆禁烧工作方案", "要点", "一、工作任务", "（一）加强宣传引导。", "1.1 细化宣传方案。",
        "（二）强化巡查管控。", "二、保障措施", "①加强组织领导。", "②严格责任追究。", "①另起编号。",
    ]


@pytest.mark.parametrize("n, fmt, text", [
    (12, "chineseCounting", "十二"), (3, "decimalEnclosedCircle", "③"), (2, "ideographTraditional", "乙"),
    (4, "lowerRoman", "iv"), (28, "upperLetter", "BB"), (7, "decimalFullWidth", "７"), (5, "none", ""),
    (60, "decimalEnclosedCircle", "60"),
])
def test_number_formats(n: int, fmt: str, text: str) -> None:
    from plancc.importer.autonumber import format_number

    assert format_number(n, fmt) == text


_ODD = st.sampled_from(["0", "1", "2", "-1", "x", "", "99999999999999999999", "1.5"])


@given(starts=st.lists(_ODD, min_size=1, max_size=3), num_id=_ODD, ilvl=_ODD, abstract=_ODD, link=_ODD,
       text=st.sampled_from(["%1、", "%1.%2.%9", "", "%", "（%3）"]), fmt=st.sampled_from(["decimal", "bullet", "odd", ""]))
def test_damaged_numbering_never_raises(starts: list[str], num_id: str, ilvl: str, abstract: str, link: str,
                                        text: str, fmt: str) -> None:
    from docx.oxml import parse_xml

    from plancc.importer.autonumber import AutoNumbers

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    levels = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="{s}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
                     for i, s in enumerate(starts))
    numbering = parse_xml(
        f'<w:numbering {w}><w:abstractNum w:abstractNumId="{abstract}"><w:numStyleLink w:val="{link}"/>{levels}</w:abstractNum>'
        f'<w:num w:numId="1"><w:abstractNumId w:val="{abstract}"/><w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{starts[0]}"/>'
        f'</w:lvlOverride></w:num></w:numbering>')
    styles = parse_xml(f'<w:styles {w}><w:style w:styleId="{link}"><w:basedOn w:val="{link}"/><w:pPr><w:numPr>'
                       f'<w:numId w:val="{num_id}"/></w:numPr></w:pPr></w:style></w:styles>')
    numbers = AutoNumbers(numbering, styles)
    for p in (f'<w:p {w}><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr></w:p>',
              f'<w:p {w}><w:pPr><w:pStyle w:val="{link}"/></w:pPr></w:p>', f'<w:p {w}/>'):
        assert isinstance(numbers.label(parse_xml(p)), str)

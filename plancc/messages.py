"""Problem messages and hints, in Chinese (default) and English, keyed by problem code."""

from __future__ import annotations

from typing import Any

# code: (zh message, zh hint, en message, en hint)
CATALOG: dict[str, tuple[str, str, str, str]] = {
    "file-not-found": ("找不到文件", "检查文件路径是否正确。", "file not found", "check the path"),
    "not-a-file": ("这是一个文件夹，不是方案文件", "给出 .yaml 文件，或用文件夹让 plancc 查找其中的方案。", "this is a folder, not a plan file", "name a .yaml file"),
    "file-unreadable": ("无法读取文件", "检查文件权限，或关闭占用它的程序。", "cannot read the file", "check permissions"),
    "no-plans": ("没有找到方案文件（*.yaml、*.yml）", "检查路径或通配符。", "no plan files (*.yaml, *.yml) found", "check the path or pattern"),
    "file-too-large": ("文件过大（超过 {limit_mb} MB），不像是方案文件", "确认选对了文件；方案文件通常只有几十 KB。", "file larger than {limit_mb} MB; not a plan", "check that this is the right file"),
    "binary-file": ("这是二进制文件，不是 YAML 文本", "方案文件应为 UTF-8 编码的 .yaml 文本；Word 文档请用 plancc import 转换。", "binary file, not YAML text", "plans are UTF-8 .yaml text; convert documents with plancc import"),
    "encoding-gbk": ("文件是 GBK/GB2312 编码，plancc 只读取 UTF-8", "在编辑器中选择“另存为 UTF-8”，或运行：iconv -f GBK -t UTF-8 原文件 > 新文件。", "file is GBK-encoded; plancc reads UTF-8 only", "save it as UTF-8 (iconv -f GBK -t UTF-8)"),
    "encoding-utf16": ("文件是 UTF-16 编码，plancc 只读取 UTF-8", "在编辑器中选择“另存为 UTF-8”。", "file is UTF-16; plancc reads UTF-8 only", "save it as UTF-8"),
    "encoding": ("文件不是有效的 UTF-8 文本", "在编辑器中选择“另存为 UTF-8”。", "file is not valid UTF-8", "save it as UTF-8"),
    "yaml-syntax": ("YAML 格式错误：{detail}", "检查这一行及上一行的缩进、冒号和引号；冒号后要有空格，缩进只用空格。", "YAML syntax error: {detail}", "check indentation, colons and quotes here and on the line above"),
    "bad-char": ("这里有方案中不能用的字符 {char}", "删除这个（多半看不见的）字符，或引号里 \\a、\\x07 这样的转义；它常来自从网页、PDF 或 Word 复制的文字。", "character {char} cannot be used in a plan", "delete this (probably invisible) character, or an escape such as \\a or \\x07 in quotes; it often comes from text copied from a web page, PDF or Word"),
    "yaml-tag": ("不支持的 YAML 标签 {tag}", "去掉 !! 标签，直接写值；需要文字时加引号。", "unsupported YAML tag {tag}", "remove the tag and write the value"),
    "complex-key": ("键必须是简单文字", "把键写成一个词，如 title:。", "keys must be plain text", "write the key as one word"),
    "duplicate-key": ("重复的键“{key}”（第 {first_line} 行已有）", "删除或合并其中一个；YAML 只会保留后一个，前面的内容会丢失。", "duplicate key '{key}' (first at line {first_line})", "remove or merge one; YAML would silently keep only the last"),
    "recursive-alias": ("别名引用了自身", "不要在锚点（&）内部引用它自己（*）。", "an alias refers to itself", "do not reference an anchor inside itself"),
    "too-many-nodes": ("文档展开后过大（超过 {limit} 项），可能是别名炸弹", "减少别名（*）的嵌套使用。", "document expands to more than {limit} nodes (alias bomb?)", "reduce nested aliases"),
    "too-deep": ("嵌套层次过深（超过 {limit} 层）", "检查缩进；方案不需要这么多层。", "nesting deeper than {limit} levels", "check the indentation"),
    "not-a-plan": ("文件内容不是方案（顶层应为键值对，实际为 {got}）", "方案文件以 plancc: 1、id:、kind:、title: 等键开头；运行 plancc new 生成样例。", "not a plan (top level is {got}, expected a mapping)", "run plancc new for a starter plan"),
    "missing-key": ("{field} 缺少必填项“{key}”", "添加 {key}:；各项含义见 plancc schema 或编辑器提示。", "{field} is missing required key '{key}'", "add {key}:"),
    "block-kind": ("{field} 既不是章节也不是任务", "章节写 section: 标题；任务写 action: 标题；段落直接写文字。", "{field} is neither a section nor an action", "use section: or action:, or write a plain paragraph"),
    "unknown-key": ("{field} 中有未知的键“{key}”", "{suggestion?你是不是想写“{suggestion}”？|可用的键：{allowed}。}", "unknown key '{key}' in {field}", "{suggestion?did you mean '{suggestion}'?|allowed keys: {allowed}}"),
    "wrong-type": ("{field}{title?（{title}）|}类型不对：应为{expected}，实际为{got}", "{help?{help}|}文字一般不用引号，但 yes、no、前导零数字等请加引号；是/否写 true 或 false。", "{field}{title? ({title})|} should be {expected}, not {got}", "{help?{help} |}quote text that looks like another type; booleans are true/false"),
    "bad-choice": ("{field}{title?（{title}）|}的值“{value}”无效", "{suggestion?你是不是想写“{suggestion}”？|}可选值：{allowed}。", "{field}{title? ({title})|}: '{value}' is not allowed", "{suggestion?did you mean '{suggestion}'? |}allowed: {allowed}"),
    "empty": ("{field}{title?（{title}）|}不能为空", "填写内容，或删除这一项。", "{field}{title? ({title})|} must not be empty", "fill it in or remove it"),
    "bad-value": ("{field}{title?（{title}）|}的值“{value}”格式不对", "{help?{help}|请对照 plancc schema 中这一项的说明或 examples/full.yaml 改正。}", "{field}{title? ({title})|}: '{value}' has the wrong form", "{help?{help}|see this key's description in plancc schema, or examples/full.yaml}"),
    "unknown-unit": ("单位“{name}”不在单位名录（units）中", "{suggestion?你是不是想写“{suggestion}”？|}请在 units 中添加该单位，或改用名录中的编号或别名。", "unit '{name}' is not in the units registry", "{suggestion?did you mean '{suggestion}'? |}add it to units or use a registered id or alias"),
    "duplicate-unit": ("单位名称“{name}”重复（第 {first_line} 行已有）", "每个编号和别名只能指一个单位。", "unit name '{name}' is used twice (first at line {first_line})", "each id and alias must name one unit"),
    "duplicate-action": ("任务编号“{id}”重复（第 {first_line} 行已有）", "给每个任务不同的 id，或删除 id。", "action id '{id}' is used twice (first at line {first_line})", "give each action its own id"),
    "lead-and-responsible": ("“{name}”同时列为牵头单位和责任单位", "从 responsible 中删除它（牵头单位自然负有责任）。", "'{name}' is both lead and responsible here", "remove it from responsible"),
    "members-not-group": ("单位“{name}”有成员，但类型不是 group", "加上 kind: group，或删除 members。", "unit '{name}' has members but is not a group", "add kind: group or remove members"),
    "member-of-itself": ("群体“{name}”把自己列为成员", "从 members 中删除它自己。", "group '{name}' lists itself as a member", "remove it from members"),
    "bad-date": ("日期“{value}”不存在", "检查月份和日期，如2月只有28或29天。", "date '{value}' does not exist", "check the month and day"),
    "period-reversed": ("实施期限的结束（{end}）早于开始（{start}）", "交换 start 和 end，或改正年份。", "the period ends ({end}) before it starts ({start})", "swap start and end"),
    "deadline-outside-period": ("时限“{when}”（{date}）不在实施期限 {start} 至 {end} 内", "改正时限，或调整 period。", "deadline '{when}' ({date}) is outside the period {start} to {end}", "correct the deadline or the period"),
    "unreadable-deadline": ("无法识别时限“{when}”的日期", "在该时限下加一行 due: 2020-04-25 说明日期，或改用“4月25日前”“每月18日前”“30日内”等写法。", "cannot read a date from deadline '{when}'", "add due: 2020-04-25 (or a recurrence)"),
    "number-year": ("发文字号的年份 {year} 与成文日期 {date} 不一致", "核对发文字号或成文日期。", "document number year {year} differs from the date {date}", "check the number or the date"),
    "title-lines": ("标题分行连起来与标题“{title}”不一致", "让各行连起来正好等于标题。", "title lines do not join up to the title '{title}'", "make the lines join up to the title"),
    "too-many-levels": ("章节层级超过 {limit} 级", "公文结构层次一般不超过四级：一、（一）1.（1）。", "sections nest deeper than {limit} levels", "use at most four levels"),
    "attribution-text-missing": ("归属原文中没有出现单位“{name}”", "核对 attribution_text 与 lead/responsible 是否一致。", "unit '{name}' does not appear in attribution_text", "make attribution_text agree with lead/responsible"),
    "recipient-without-task": ("主送单位“{name}”没有分配任何任务", "确认主送是否正确，或为它分配任务。", "recipient '{name}' has no task", "check the recipients"),
    "unused-unit": ("单位“{name}”在名录中但从未使用", "删除它，或在任务中引用它。", "unit '{name}' is registered but never used", "remove it or assign it a task"),
    "template-error": ("模板 {template} 出错：{detail}", "检查模板文件；变量名见 templates/README.md。", "template {template} failed: {detail}", "check the template; variables are listed in templates/README.md"),
    "output-unwritable": ("无法写入输出文件 {target}：{detail}", "检查输出文件夹的权限，或关闭正在打开该文件的程序（如 Word、WPS）。", "cannot write {target}: {detail}", "check folder permissions, or close the program that has the file open"),
    "libreoffice-missing": ("未找到 LibreOffice，无法转换 PDF", "安装 LibreOffice（Debian/Ubuntu：apt-get install libreoffice-writer），或不加 --pdf。", "LibreOffice not found; cannot convert to PDF", "install LibreOffice or drop --pdf"),
    "pdf-failed": ("PDF 转换失败：{detail}", "用 LibreOffice 手动打开 .docx 检查，或稍后重试。", "PDF conversion failed: {detail}", "open the .docx in LibreOffice to check"),
    "unknown-unit-option": ("没有名为“{name}”的单位", "{suggestion?你是不是想写“{suggestion}”？|}用单位名录中的编号或别名。", "no unit named '{name}'", "{suggestion?did you mean '{suggestion}'? |}use a registered id or alias"),
    "import-unplaced": ("无法识别的内容：{text}", "已作为段落保留；请人工核对。", "could not place: {text}", "kept as a paragraph; please check"),
    "import-empty": ("文档中没有可识别的文字", "确认文件是方案文档（.txt 或 .docx）。", "no text found in the document", "check that this is a plan document"),
    "import-format": ("不支持的文件类型 {suffix}", "支持 .txt、.docx，以及（装有 LibreOffice 时）.doc、.wps、.rtf、.odt；其他文件请用 Word 或 WPS 另存为 .docx。", "unsupported file type {suffix}", "use .txt or .docx (or, with LibreOffice installed, .doc, .wps, .rtf, .odt)"),
    "import-needs-office": ("读取 {suffix} 文件需要 LibreOffice，但没有找到它", "安装 LibreOffice（或用 PLANCC_SOFFICE 指明 soffice 的位置），或用 Word/WPS 把文件另存为 .docx 再导入。", "reading a {suffix} file needs LibreOffice, which was not found", "install LibreOffice (or point PLANCC_SOFFICE at soffice), or save the file as .docx"),
    "import-convert-failed": ("无法把 {suffix} 文件转换为 .docx：{detail}", "用 Word/WPS 打开文件，另存为 .docx 后再导入。", "could not convert the {suffix} file to .docx: {detail}", "open it in Word or WPS and save it as .docx"),
    "docx-broken": ("无法读取 Word 文档：{detail}", "用 Word 打开后另存为 .docx 再试。", "cannot read the Word document: {detail}", "re-save it as .docx"),
    "internal": ("plancc 内部错误：{detail}", "请把命令和文件报告给维护者。", "internal error: {detail}", "please report the command and file"),
    "import-no-structure": ("没有识别出方案的结构（{detail}）", "确认文件是工作方案、工作要点或通知；章节应以“一、”“（一）”“1.”等编号开头。", "no plan structure found ({detail})", "check that this is a work plan or notice; sections start with labels such as 一、 （一） 1."),
    "import-binary": ("这是二进制文件，不是文本文档", "导入 .txt 文本或 .docx 文档；Word 文档请保存为 .docx 并使用 .docx 扩展名。", "binary file, not a text document", "import a .txt or .docx file"),
    "import-encoding": ("无法识别文件的文字编码", "把文件另存为 UTF-8 或 GBK 编码的文本后再导入。", "cannot tell the text encoding of the file", "save it as UTF-8 or GBK text"),
}


def _fill(text: str, args: dict[str, Any]) -> str:
    """Format with {name}, plus {name?if set|otherwise} conditionals."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "{":
            j, depth = i + 1, 1
            while j < len(text) and depth:
                depth += {"{": 1, "}": -1}.get(text[j], 0)
                j += 1
            inner = text[i + 1 : j - 1]
            if "?" in inner:
                name, rest = inner.split("?", 1)
                yes, _, no = rest.partition("|")
                out.append(_fill(yes if args.get(name) else no, args))
            else:
                out.append(str(args.get(inner, "")))
            i = j
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


TYPE_WORDS = {
    "boolean": "是/否（true 或 false）", "integer": "整数", "number": "数字", "string": "文字",
    "array": "列表", "object": "键值对", "null": "空值", "string/object": "文字或键值对",
}


def render(code: str, part: str, lang: str, args: dict[str, Any]) -> str:
    zh_msg, zh_hint, en_msg, en_hint = CATALOG.get(code, (code, "", code, ""))
    text = {("message", "zh"): zh_msg, ("hint", "zh"): zh_hint, ("message", "en"): en_msg, ("hint", "en"): en_hint}[
        (part, "en" if lang == "en" else "zh")
    ]
    if lang != "en":
        args = {k: TYPE_WORDS.get(v, v) if k in ("expected", "got") else v for k, v in args.items()}
    return _fill(text, args)

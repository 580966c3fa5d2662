"""Generate benchmark plans: a plan YAML with N actions and the equivalent Markdown, deterministically.

The plan is shaped like the real ones in plans/: a 印发通知 with a full notice, 30-60 units (some of
them groups with members, some with aliases), sections three or four levels deep, and action texts
of 100-400 characters with attributions, deadlines and targets. The Markdown holds the same headings
and paragraphs plus the task table (序号, section, task, lead, responsible, deadline), which is what
pandoc is timed on.

    python bench/gen.py 1000 -o /tmp/bench      # writes plan-1000.yaml and plan-1000.md
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from plancc.numbering import to_chinese

CLAUSES = (
    "对有劳动能力、无法外出务工的贫困群众要摸清底数，加强引导和支持",
    "因地制宜发展特色种养业、家庭作坊等“短平快”项目",
    "采取集中组织货源、统筹统购分散发放等方式，切实解决生产资料短缺或供应不足问题",
    "落实复工复产、税费减免、贷款贴息等政策措施，帮助经营主体渡过难关",
    "开展贫困户家庭劳动力调查摸底，摸清就业意愿和技能培训情况",
    "合理开发临时公益性岗位，优先安排暂时无法外出的贫困劳动力",
    "积极推进农产品产销对接，组织动员社会力量扩大贫困地区产品和服务消费",
    "加强技术、技能培训，对有培训意愿的贫困户实现培训全覆盖",
    "严格执行“先诊疗后付费”和“一站式结算”制度，确保贫困人口应保尽保",
    "跟踪解决贫困户住房安全问题，保质保量推进危房改造，确保发现一户、改造一户",
    "深入实施农村饮水安全巩固提升工程，加强水质抽样检测",
    "有序推进较大人口规模的村民小组通硬化路，持续加大农网改造工程实施力度",
    "加强农村人居环境整治工作，确保基本达到干净整洁要求",
    "综合运用落实低保、救助等社会保障措施，及时给予生活保障",
    "对收入不稳定、返贫风险较高的已脱贫人口，符合条件的及时纳入临时救助",
    "坚持摘帽不摘责任，压实党政主体责任、行业主管责任、村直接责任",
    "建立返贫致贫趋势预警机制，对可能出现的隐患进行预警和提前干预",
    "加快推动电商平台培育、网货基地打造和农产品网销品牌孵化",
    "规范发放扶贫小额贷款，稳步提高获贷率及户均贷款额",
    "加强农村集体经济组织资金、资产、资源管理，强化对贫困户的利益联结",
    "全面落实贫困人口医疗保障政策，进一步规范贫困人口医疗保障待遇",
    "持续不断开展问题排查，及时查漏补缺，实现问题动态化清零",
    "进一步加大财政专项扶贫资金投入力度，确保力度不减，适度向贫困村倾斜",
    "加强扶贫资金项目常态化监管，严格落实资金项目公示公告制度",
    "广泛引导有实力、有意愿参与扶贫的企业和爱心人士参与爱心注册",
    "各责任单位要细化工作措施，明确时间节点，确保各项任务按期完成",
    "及时总结工作经验，按要求报送工作进展情况",
    "强化督查考核，对工作推进不力的严肃追责问责",
)
TOPICS = (
    "产业扶贫", "就业扶贫", "消费扶贫", "电商扶贫", "健康扶贫", "教育扶贫", "危房改造", "饮水安全",
    "基础设施建设", "人居环境整治", "社会保障兜底", "防止返贫监测", "小额信贷", "集体经济发展",
    "问题排查整改", "资金项目监管", "社会扶贫", "志智双扶", "驻村帮扶", "作风建设",
)
VERBS = ("扎实推进", "全面开展", "深入实施", "持续加强", "切实做好", "统筹推进", "加快推进", "着力抓好")
OFFICES = (
    "扶贫", "农服", "社保", "财政", "民政", "规建", "经发", "党政", "党群", "平安", "文服", "卫生", "水利",
    "交通", "教育", "统计", "应急", "市场监管", "林业", "农经", "人武", "综治", "司法", "税务", "邮政",
    "供电", "通信", "信用社", "派出", "自然资源", "生态环境", "退役军人", "医保", "残联", "妇联", "团委",
    "工会", "科协", "档案", "机要", "信访", "城管", "环卫", "国土", "水务", "畜牧", "农机", "植保",
    "疾控", "计生", "广电",
)
SUFFIXES = ("办", "中心", "所", "站")
VILLAGES = "双河 新民 红岩 石门 青龙 白杨 金竹 长岭 高坪 龙潭 桂花 石桥 柏林 安乐 团结 和平 幸福 永安 大坪 中坝".split()
DEADLINES = (
    "3月底前", "4月25日前", "5月15日前", "6月底前", "上半年", "9月30日前", "年底前", "每月18日前", "每季度",
    "每2月", "30日内", "常态化", "长期坚持", "11月底前",
)
NUMBERING = ("一、", "（一）", "1.", "（1）")


def _label(level: int, n: int) -> str:
    fmt = NUMBERING[level - 1]
    return fmt.replace("一", to_chinese(n)) if "一" in fmt else fmt.replace("1", str(n))


@dataclass
class Node:
    """A section (with children) or an action, as generated."""

    kind: str  # section | action | paragraph
    title: str = ""
    text: str = ""
    lead: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    deadlines: list[tuple[str, str]] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    children: list["Node"] = field(default_factory=list)


class Generator:
    """Seeded: the same (actions, seed) always gives the same plan."""

    def __init__(self, actions: int, seed: int = 2020) -> None:
        self.n = actions
        self.seed = seed
        self.rng = random.Random(seed * 1_000_003 + actions)
        self.made = 0

    def text(self, low: int = 100, high: int = 400) -> str:
        goal = self.rng.randint(low, high)
        out = ""
        while len(out) < goal:
            out += self.rng.choice(CLAUSES) + ("。" if self.rng.random() < 0.4 else "，")
        return out[: goal - 1].rstrip("，。、") + "。"

    def units(self) -> tuple[list[dict[str, object]], list[str]]:
        """The same registry at every size (it depends on the seed only), so sizes differ only in actions."""
        saved, self.rng = self.rng, random.Random(self.seed)
        try:
            return self._units()
        finally:
            self.rng = saved

    def _units(self) -> tuple[list[dict[str, object]], list[str]]:
        count = self.rng.randint(30, 60)
        groups = self.rng.randint(3, 6)
        villages = self.rng.randint(6, min(15, count - groups - 5))
        offices = count - groups - villages
        names = [f"镇{office}{self.rng.choice(SUFFIXES)}" for office in self.rng.sample(OFFICES, offices)]
        units: list[dict[str, object]] = []
        for name in names:
            unit: dict[str, object] = {"id": name}
            if self.rng.random() < 0.3:
                unit["aliases"] = [name[1:]]
            units.append(unit)
        village_ids = [f"{v}村" for v in self.rng.sample(VILLAGES, villages)]
        units.append({"id": "各村", "kind": "group", "members": village_ids})
        for i in range(groups - 1):
            members = self.rng.sample(names, self.rng.randint(3, 8))
            units.append({"id": ("镇直各部门", "各帮扶单位", "驻村工作队", "各相关部门", "各派驻机构")[i], "kind": "group", "members": members})
        units.extend({"id": v} for v in village_ids)
        assignable = names + [str(u["id"]) for u in units if u.get("kind") == "group"]
        return units, assignable

    def action(self, assignable: list[str]) -> Node:
        self.made += 1
        picked = self.rng.sample(assignable, self.rng.randint(1, 6))
        split = 1 if self.rng.random() < 0.8 else 2
        node = Node(
            "action",
            title=f"{self.rng.choice(VERBS)}{self.rng.choice(TOPICS)}",
            text=self.text(),
            lead=picked[:split],
            responsible=picked[split:],
        )
        if self.rng.random() < 0.4:
            for when in self.rng.sample(DEADLINES, self.rng.randint(1, 2)):
                node.deadlines.append((when, self.rng.choice(("完成", "上报进展情况", "全面完成", ""))))
        if self.rng.random() < 0.25:
            node.targets.append(f"{self.rng.randint(10, 900)}户{self.rng.randint(30, 3000)}人")
        return node

    def section(self, level: int, assignable: list[str]) -> Node:
        node = Node("section", title=f"{self.rng.choice(VERBS)}{self.rng.choice(TOPICS)}工作")
        if self.rng.random() < 0.2:
            node.children.append(Node("paragraph", text=self.text(60, 200)))
        if level == 1:
            for _ in range(self.rng.randint(2, 6)):
                if self.made >= self.n:
                    break
                node.children.append(self.section(2, assignable))
        elif level == 2 and self.rng.random() < 0.5:
            for _ in range(self.rng.randint(2, 5)):
                if self.made >= self.n:
                    break
                node.children.append(self.section(3, assignable))
        else:
            for _ in range(self.rng.randint(3, 8)):
                if self.made >= self.n:
                    break
                node.children.append(self.action(assignable))
        return node

    def plan(self) -> tuple[str, str]:
        """(plan YAML, Markdown)."""
        units, assignable = self.units()
        body: list[Node] = []
        while self.made < self.n:
            body.append(self.section(1, assignable))
        preamble = [self.text(80, 200)]
        title = f"某镇2020年脱贫攻坚工作方案（{self.n}项任务）"
        return _yaml(self.n, title, units, preamble, body), _markdown(title, preamble, body)


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def _yaml(n: int, title: str, units: list[dict[str, object]], preamble: list[str], body: list[Node]) -> str:
    out = [
        "# yaml-language-server: $schema=../schemas/plan.schema.json",
        "plancc: 1",
        f"id: bench-{n}",
        "kind: 印发通知",
        f"title: {_q(title)}",
        "notice:",
        f"  title: {_q('关于印发《' + title + '》的通知')}",
        "  mark: 某镇人民政府文件",
        "  issuer: 某镇人民政府",
        "  number: {code: 某府发, year: 2020, seq: 8}",
        "  to: [各村, 镇直各部门]",
        "  signature: 某镇人民政府",
        "  date: 2020-01-15",
        "  sealed: true",
        "  cc: [县扶贫办]",
        "  printed_by: 某镇党政办公室",
        "  printed_on: 2020-01-16",
        "period:",
        "  start: 2020-01",
        "  end: 2020-12",
        "  text: 2020年1月—12月",
        "units:",
    ]
    for u in units:
        out.append(f"  - id: {_q(str(u['id']))}")
        for key in ("kind", "aliases", "members"):
            if key in u:
                value = u[key]
                out.append(f"    {key}: " + (f"[{', '.join(_q(v) for v in value)}]" if isinstance(value, list) else _q(str(value))))
    out.append("style:")
    out.append(f"  numbering: [{', '.join(NUMBERING)}]")
    out.append("  attribution: 牵头单位")
    out.append("preamble:")
    out.extend(f"  - {_q(p)}" for p in preamble)
    out.append("body:")

    def emit(nodes: list[Node], indent: str) -> None:
        for node in nodes:
            if node.kind == "paragraph":
                out.append(f"{indent}- {_q(node.text)}")
            elif node.kind == "section":
                out.append(f"{indent}- section: {_q(node.title)}")
                out.append(f"{indent}  body:")
                emit(node.children, indent + "    ")
            else:
                out.append(f"{indent}- action: {_q(node.title)}")
                out.append(f"{indent}  text: {_q(node.text)}")
                out.append(f"{indent}  lead: [{', '.join(_q(u) for u in node.lead)}]")
                if node.responsible:
                    out.append(f"{indent}  responsible: [{', '.join(_q(u) for u in node.responsible)}]")
                if node.deadlines:
                    out.append(f"{indent}  deadlines:")
                    for when, what in node.deadlines:
                        out.append(f"{indent}    - when: {_q(when)}")
                        if what:
                            out.append(f"{indent}      what: {_q(what)}")
                if node.targets:
                    out.append(f"{indent}  targets: [{', '.join(_q(t) for t in node.targets)}]")

    emit(body, "  ")
    return "\n".join(out) + "\n"


def _attribution(node: Node) -> str:
    if node.responsible:
        return f"（牵头单位：{'、'.join(node.lead)}；责任单位：{'、'.join(node.responsible)}）"
    return f"（牵头单位：{'、'.join(node.lead)}）"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _markdown(title: str, preamble: list[str], body: list[Node]) -> str:
    out = [f"# {title}", ""]
    for p in preamble:
        out += [p, ""]
    rows: list[str] = []

    def emit(nodes: list[Node], level: int, section: str) -> None:
        n = 0
        for node in nodes:
            if node.kind == "paragraph":
                out.extend([node.text, ""])
                continue
            n += 1
            label = _label(level, n)
            if node.kind == "section":
                out.extend([f"{'#' * (level + 1)} {label}{node.title}", ""])
                emit(node.children, level + 1, f"{label}{node.title}")
            else:
                out.extend([f"{label}{node.title}。{node.text}{_attribution(node)}", ""])
                when = "；".join(w for w, _ in node.deadlines)
                rows.append(
                    f"| {len(rows) + 1} | {_cell(section)} | {_cell(node.title + '。' + node.text)} | "
                    f"{'、'.join(node.lead)} | {'、'.join(node.responsible)} | {when} |"
                )

    emit(body, 1, "")
    out += ["## 任务分工表", "", "| 序号 | 重点任务 | 具体任务 | 牵头单位 | 责任单位 | 完成时限 |", "|---|---|---|---|---|---|"]
    out += rows
    return "\n".join(out) + "\n"


def write(actions: int, outdir: Path, seed: int = 2020) -> tuple[Path, Path]:
    """Write plan-N.yaml and plan-N.md into `outdir`; return their paths."""
    outdir.mkdir(parents=True, exist_ok=True)
    yaml_text, md_text = Generator(actions, seed).plan()
    plan, md = outdir / f"plan-{actions}.yaml", outdir / f"plan-{actions}.md"
    plan.write_text(yaml_text, encoding="utf-8")
    md.write_text(md_text, encoding="utf-8")
    return plan, md


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("actions", type=int, nargs="+")
    parser.add_argument("-o", "--outdir", type=Path, default=Path("bench/out"))
    parser.add_argument("--seed", type=int, default=2020)
    args = parser.parse_args()
    for n in args.actions:
        for path in write(n, args.outdir, args.seed):
            print(path)


if __name__ == "__main__":
    main()

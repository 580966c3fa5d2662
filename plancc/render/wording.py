"""Wording shared by every output, so the notice, matrix and sheets print the same words."""

from __future__ import annotations

from plancc.model import LINES, Action, Deadline, Plan, Section
from plancc.render.templates import Templates


def attribution(action: Action | Section, plan: Plan, templates: Templates) -> str:
    """The attribution in parentheses, e.g. （牵头单位：镇农经站；责任单位：各行政村）; "" for none
    (also for an action whose units are printed with its section's heading). In style 分行 it is
    lines of their own, each after a line break: \n牵头单位：镇农经站\n完成时限：6月底前."""
    if isinstance(action, Action) and action.inherited:
        return ""
    if action.attribution_text is not None:
        text = action.attribution_text
    elif action.attribution == "none" or (isinstance(action, Section) and not (action.lead or action.responsible)):
        return ""
    else:
        text = templates.render(
            f"attribution/{action.attribution}.j2",
            lead=list(action.lead),
            responsible=list(action.responsible),
            etc=action.etc,
            lead_label=plan.style.lead_label,
            responsible_label=plan.style.responsible_label,
            deadlines=[d.when for d in action.deadlines],
        )
    if action.attribution == LINES and text:
        return "".join(f"\n{line}" for line in text.splitlines() if line.strip())
    return text


def action_text(action: Action, plan: Plan, templates: Templates, label: bool = True) -> str:
    """The action as printed in the notice: label + title + 。 + text + attribution."""
    return action_body(action, label) + attribution(action, plan, templates)


def action_body(action: Action, label: bool = True) -> str:
    """The action as printed in the notice up to its attribution: label + title + 。 + text."""
    head = f"{action.label if label else ''}{action.title}"
    if action.title and action.text:
        head += "。"
    return f"{head}{action.text}"


def deadline_text(deadlines: tuple[Deadline, ...]) -> str:
    """Deadlines as worded, joined for a table cell: 2月底前开工建设；3月底前完成资金预拨付."""
    return "；".join(f"{d.when}{d.what}" if d.what and d.what not in d.when else d.when for d in deadlines)


def unit_names(ids: tuple[str, ...]) -> str:
    return "、".join(ids)

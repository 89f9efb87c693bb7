"""The summary, or the referat, as a Markdown document that reads like minutes.

The document is built as a list of blocks: Markdown text, and charts and banners that the
HTML export draws itself (:mod:`samspill_tui.export.html`). Every piece of participant or
facilitator text is escaped so it shows literally: no links, HTML, headings or lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from samspill_tui.content.model import REFERAT_PARTS
from samspill_tui.export import referat
from samspill_tui.export.summary import AnswerRow, StepResult, Summary
from samspill_tui.i18n import t
from samspill_tui.session.record import Agreement
from samspill_tui.session.results import MIN_GROUP
from samspill_tui.session.steps import CASE, GAP, POLL, REFLECTION, STATEMENT, SUMMARY

_INLINE = re.compile(r"([\\`*_{}\[\]<>&|~$^!])")
_LINE_START = re.compile(r"^([#+\-=>]|\d+(?=[.)]))")
_AUTOLINK = re.compile(r"(?i)(:(?=//)|(?<=\bwww)\.)")  # bare URLs that GFM viewers would link
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


@dataclass(frozen=True)
class Chart:
    """A bar chart of one distribution: drawn as SVG in HTML, a table in Markdown."""

    title: str
    rows: tuple[tuple[str, int, float], ...]  # label, count, share (0..1)


@dataclass(frozen=True)
class Banner:
    """A notice set apart from the text (the draft mark of a referat)."""

    text: str


Block = str | Chart | Banner


def escape(text: str) -> str:
    """One line of text that Markdown shows literally (specials backslash-escaped)."""
    line = _AUTOLINK.sub(r"\\\1", _INLINE.sub(r"\\\1", text.strip()))
    m = _LINE_START.match(line)
    if m and m.group(1)[0].isdigit():
        return f"{m.group(1)}\\{line[m.end():]}"
    return _LINE_START.sub(r"\\\1", line)


def text_block(text: str, indent: str = "") -> str:
    """Multi-line text, escaped: lines kept as hard line breaks, blank lines as paragraphs."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    body = [f" \\\n{indent}".join(escape(line) for line in p.split("\n") if line.strip())
            for p in paragraphs]
    return f"\n\n{indent}".join(body)


def cell(text: str) -> str:
    """Text for one table cell (on one line)."""
    return escape(" ".join(text.split()))


def date(value: str) -> str:
    """A due date as written in Norway (dd.mm.yyyy) when it is an ISO date, else as given."""
    m = _ISO_DATE.match(value)
    return f"{m[3]}.{m[2]}.{m[1]}" if m else cell(value)


def owner(lang: str, value: str) -> str:
    """Who follows an agreement up, as a label."""
    return t(lang, f"owner.{value}") if value else t(lang, "sum.no_owner")


def _item(text: str, suffix: str = "") -> str:
    return f"- {text_block(text, '  ')}{suffix}"


def _answer_items(lang: str, rows: tuple[AnswerRow, ...]) -> list[str]:
    items = []
    for row in rows:
        marks = [t(lang, "sum.highlighted")] * row.highlighted + [t(lang, "sum.hidden")] * row.hidden
        items.append(_item(row.text, f" *({', '.join(marks)})*" if marks else ""))
    return items


def _agreement(lang: str, a: Agreement) -> str:
    details = [f"{t(lang, 'sum.owner')}: {owner(lang, a.owner)}"]
    if a.due:
        details.append(f"{t(lang, 'sum.due').lower()}: {date(a.due)}")
    return f"{_item(a.text)} ({', '.join(details)})"


def _minutes(lang: str, result: StepResult, level: str) -> list[Block]:
    """The facilitator's note and the agreements of a step."""
    blocks: list[Block] = []
    if result.note:
        blocks += [f"{level} {t(lang, 'sum.note')}", text_block(result.note)]
    made = [a for a in result.agreements if not referat.is_carried(a)]
    if made:
        blocks += [f"{level} {t(lang, 'sum.agreed')}", "\n".join(_agreement(lang, a) for a in made)]
    return blocks


def _chart(summary: Summary, result: StepResult, title: str) -> list[Block]:
    lang, dist = summary.lang, result.distribution
    assert dist is not None
    rows = tuple((label, count, dist.share(value))
                 for label, (value, count) in zip(result.labels, dist.counts, strict=True))
    blocks: list[Block] = [Chart(title, rows), t(lang, "sum.responses", n=dist.total, m=summary.participants)]
    if result.step.kind == STATEMENT and dist.mean is not None:
        blocks.append(f"{t(lang, 'sum.mean')}: {dist.mean:.1f}".replace(".", ","))
    if result.by_role:
        head = [t(lang, "sum.option"), *(t(lang, f"role.{r}") for r, _ in result.by_role)]
        lines = ["| " + " | ".join(cell(h) for h in head) + " |",
                 "|---" + "|---:" * len(result.by_role) + "|"]
        for n, label in enumerate(result.labels):
            counts = " | ".join(str(d.counts[n][1]) for _, d in result.by_role)
            lines.append(f"| {cell(label)} | {counts} |")
        blocks += [f"**{t(lang, 'sum.by_role')}**", "\n".join(lines)]
    elif result.roles_withheld:
        blocks.append(f"*{t(lang, 'sum.roles_withheld', n=MIN_GROUP)}*")
    return blocks


def _questions(lang: str, questions: tuple[str, ...], rows: tuple[AnswerRow, ...],
               level: str, skip_empty: bool = False) -> list[Block]:
    blocks: list[Block] = []
    for n, question in enumerate(questions):
        items = _answer_items(lang, tuple(r for r in rows if r.question == n))
        if skip_empty and not items:
            continue
        blocks += [f"{level} {escape(question)}", "\n".join(items) or t(lang, "sum.no_answers")]
    return blocks


def _gap_table(summary: Summary, result: StepResult) -> list[Block]:
    """The pair's ratings side by side, largest distance first, with what they agreed on each."""
    lang = summary.lang
    if result.ranking is None:
        return [t(lang, "sum.gap_waiting")]
    agreed = {r.step.key: r.agreements for r in summary.results}
    lines = [f"| {t(lang, 'sum.statement')} | {t(lang, 'role.ordforer')} | "
             f"{t(lang, 'role.kommunedirektor')} | {t(lang, 'sum.distance')} | {t(lang, 'sum.agreed')} |",
             "|---|---|---|---:|---|"]
    for row in result.ranking:
        text = row.step.statement.text if row.step.statement else row.step.title
        distance = "–" if row.distance is None else str(row.distance)
        made = " / ".join(cell(a.text) for a in agreed.get(row.step.key, ()))
        lines.append(f"| {cell(text)} | {t(lang, f'scale.{row.first}')} | "
                     f"{t(lang, f'scale.{row.second}')} | {distance} | {made} |")
    return [t(lang, "sum.gap_intro"), "\n".join(lines)]


def _followups(summary: Summary) -> list[Block]:
    lang, made = summary.lang, summary.follow_ups
    if not made:
        return []
    lines = [f"| {t(lang, 'sum.agreement')} | {t(lang, 'sum.owner')} | {t(lang, 'sum.due')} |",
             "|---|---|---|"]
    lines += [f"| {cell(a.text)} | {owner(lang, a.owner)} | {date(a.due) or '–'} |" for a in made]
    return [f"## {t(lang, 'sum.followups')}", t(lang, "sum.followups_intro"), "\n".join(lines)]


def note_markdown(text: str) -> str:
    """An attached Markdown note with raw HTML made literal (``<`` escaped outside code fences)."""
    lines, fenced = [], False
    for line in text.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        lines.append(line if fenced else line.replace("<", "\\<"))
    return "\n".join(lines)


def _attachment(summary: Summary) -> list[Block]:
    if summary.attachment is None:
        return []
    name, text = summary.attachment
    lines = note_markdown(text).split("\n")
    quoted = "\n".join(f"> {line}" if line.strip() else ">" for line in lines)
    return [f"## {t(summary.lang, 'sum.attachment', name=cell(name))}", quoted]


def _header(summary: Summary, title: str) -> list[Block]:
    lang = summary.lang
    facts = [f"- **{t(lang, 'sum.session')}:** {escape(summary.session)}",
             f"- **{t(lang, 'sum.date')}:** {summary.created[:10]}",
             f"- **{t(lang, 'sum.participants')}:** {summary.participants}"]
    if summary.follows:
        facts.append(f"- **{t(lang, 'sum.follows')}:** {escape(summary.follows)}")
    blocks: list[Block] = [f"# {escape(title)}"]
    if summary.referat:
        blocks += [Banner(t(lang, "sum.draft")), "\n".join(facts), t(lang, "sum.draft_intro")]
    else:
        blocks.append("\n".join(facts))
    if summary.include_hidden:
        blocks.append(f"*{t(lang, 'sum.hidden_included')}*")
    return blocks


def _summary_blocks(summary: Summary) -> list[Block]:
    lang = summary.lang
    blocks = _header(summary, summary.programme_title)
    deck = None
    for result in summary.results:
        step = result.step
        if step.kind != STATEMENT:
            deck = None
        if step.kind == STATEMENT and summary.pair:
            if result.note:  # the pair's ratings are in the gap table; only a note is added here
                blocks += [f"## {escape(step.statement.text if step.statement else step.title)}",
                           *_minutes(lang, result, "###")]
        elif step.kind == STATEMENT and step.statement is not None:
            if deck != step.title:
                deck = step.title
                blocks.append(f"## {t(lang, 'sum.statements')}: {escape(step.title)}")
            blocks += [f"### {escape(step.statement.text)}", f"*{escape(step.statement.theme)}*"]
            blocks += _chart(summary, result, step.statement.text)
            blocks += _minutes(lang, result, "####")
        elif step.kind == POLL and step.poll is not None:
            blocks += [f"## {t(lang, 'sum.poll')}: {escape(step.poll.question)}"]
            blocks += _chart(summary, result, step.poll.question)
            right = step.poll.option(step.poll.answer)
            blocks.append(f"**{t(lang, 'sum.key')}:** {escape(right.text if right else '')}")
            blocks += _minutes(lang, result, "###")
        elif step.kind == REFLECTION:
            blocks.append(f"## {t(lang, 'sum.reflection')}: {escape(step.title)}")
            blocks += _questions(lang, step.questions, result.answers, "###")
            blocks += _minutes(lang, result, "###")
        elif step.kind == GAP:
            blocks += [f"## {escape(step.title)}", *_gap_table(summary, result)]
            blocks += _minutes(lang, result, "###")
        elif step.kind in (CASE, SUMMARY) and result.has_minutes:
            prefix = f"{t(lang, 'sum.case')}: " if step.kind == CASE else ""
            blocks += [f"## {prefix}{escape(step.title)}", *_minutes(lang, result, "###")]
    return [*blocks, *_followups(summary), *_attachment(summary), "---",
            f"*{t(lang, 'sum.footer_named' if summary.pair else 'sum.footer')}*"]


def _carried(summary: Summary, result: StepResult) -> list[Block]:
    lang = summary.lang
    carried = [a for a in result.agreements if referat.is_carried(a)]
    if not carried:
        return []
    lines = [f"| {t(lang, 'sum.agreement')} | {t(lang, 'sum.owner')} | {t(lang, 'sum.due')} | "
             f"{t(lang, 'sum.status')} |", "|---|---|---|---|"]
    lines += [f"| {cell(a.text)} | {owner(lang, a.owner)} | {date(a.due) or '–'} | "
              f"{cell(a.status) or t(lang, 'sum.no_status')} |" for a in carried]
    return [f"#### {t(lang, 'sum.carried', session=escape(summary.follows or '–'))}", "\n".join(lines)]


def _agenda_item(summary: Summary, result: StepResult) -> list[Block]:
    lang, step = summary.lang, result.step
    blocks: list[Block] = [f"### {escape(step.title)}", *_carried(summary, result)]
    if result.input:
        blocks += [f"#### {t(lang, 'sum.input')}", "\n".join(_answer_items(lang, result.input))]
    if result.answers:
        blocks.append(f"#### {t(lang, 'sum.meeting_answers')}")
        blocks += _questions(lang, step.questions, result.answers, "#####", skip_empty=True)
    return blocks + _minutes(lang, result, "####")


def _referat_blocks(summary: Summary) -> list[Block]:
    lang = summary.lang
    blocks = _header(summary, t(lang, "sum.referat_title", title=summary.programme_title))
    withheld = [r.step.title for r in summary.results if r.withheld]
    blocks += [t(lang, "sum.withheld", title=escape(title)) for title in withheld]
    number = 0
    for part in REFERAT_PARTS:
        items = [r for r in summary.results if r.part == part and not r.withheld]
        if not items:
            continue
        number += 1
        blocks.append(f"## {number}. {t(lang, f'sum.part.{part}')}")
        for result in items:
            blocks += _agenda_item(summary, result)
    others = [r for r in summary.results if not r.part and r.note]
    if others:
        blocks.append(f"## {t(lang, 'sum.other_notes')}")
        for result in others:
            blocks += [f"### {escape(result.step.title)}", text_block(result.note)]
    return [*blocks, *_followups(summary), *_attachment(summary), "---",
            f"*{t(lang, 'sum.referat_footer')}*"]


def blocks(summary: Summary) -> list[Block]:
    """The document as blocks: the referat of a development conversation, else the summary."""
    return _referat_blocks(summary) if summary.referat else _summary_blocks(summary)


def _table(lang: str, chart: Chart) -> str:
    lines = [f"| {t(lang, 'sum.option')} | {t(lang, 'sum.count')} | {t(lang, 'sum.share')} |",
             "|---|---:|---:|"]
    lines += [f"| {cell(label)} | {count} | {round(100 * share)} % |" for label, count, share in chart.rows]
    return "\n".join(lines)


def render_block(lang: str, block: Block) -> str:
    """One block as Markdown."""
    if isinstance(block, Chart):
        return _table(lang, block)
    if isinstance(block, Banner):
        return f"**{escape(block.text)}**"
    return block


def summary_markdown(summary: Summary) -> str:
    """The whole summary (or referat) as a Markdown document."""
    return "\n\n".join(render_block(summary.lang, b) for b in blocks(summary)) + "\n"

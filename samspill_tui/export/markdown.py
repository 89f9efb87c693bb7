"""The summary, or the referat, as a Markdown document that reads like minutes.

The document is built as a list of blocks: Markdown text, and charts and banners that the
HTML export draws itself (:mod:`samspill_tui.export.html`). Every piece of participant or
facilitator text is escaped so it shows literally: no links, HTML, headings or lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from samspill_tui.content.model import REFERAT_PARTS
from samspill_tui.i18n import decimal, t
from samspill_tui.session import referat
from samspill_tui.session.reading import Cloud, Held, Standing, Tally, agreement_text
from samspill_tui.session.record import Agreement
from samspill_tui.session.steps import (
    CaseText,
    Closing,
    GapReview,
    PollVote,
    Questions,
    RankingList,
    Reflection,
    StatementVote,
    WordsPrompt,
    label,
)
from samspill_tui.session.summary import AnswerRow, QuestionResult, StepResult, Summary

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
class WordCloud:
    """The words given on a words step with how often: a cloud in SVG in HTML, a table in Markdown."""

    title: str
    words: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Banner:
    """A notice set apart from the text (the draft mark of a referat)."""

    text: str


Block = str | Chart | WordCloud | Banner


def escape(text: str) -> str:
    """One line of text that Markdown shows literally (specials backslash-escaped)."""
    line = _AUTOLINK.sub(r"\\\1", _INLINE.sub(r"\\\1", text.strip()))
    m = _LINE_START.match(line)
    if m and m.group(1)[0].isdigit():
        return f"{m.group(1)}\\{line[m.end():]}"
    return _LINE_START.sub(r"\\\1", line)


def escape_inline(text: str) -> str:
    """Text that Markdown shows literally after other text on its line (no block markers to undo)."""
    return _AUTOLINK.sub(r"\\\1", _INLINE.sub(r"\\\1", " ".join(text.split())))


def text_block(text: str, indent: str = "") -> str:
    """Multi-line text, escaped: lines kept as hard line breaks, blank lines as paragraphs."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    body = [f" \\\n{indent}".join(escape(line) for line in p.split("\n") if line.strip())
            for p in paragraphs]
    return f"\n\n{indent}".join(body)


def cell(text: str) -> str:
    """Text for one table cell (on one line)."""
    return escape(" ".join(text.split()))


def norwegian_date(value: str) -> str:
    """An ISO date as written in Norway (dd.mm.yyyy), anything else as given (plain text)."""
    m = _ISO_DATE.match(value)
    return f"{m[3]}.{m[2]}.{m[1]}" if m else value


def date(value: str) -> str:
    """A due date as written in Norway (dd.mm.yyyy) when it is an ISO date, else as given."""
    return norwegian_date(value) if _ISO_DATE.match(value) else cell(value)


def owner(lang: str, value: str) -> str:
    """Who follows an agreement up, as a label."""
    return t(lang, f"owner.{value}") if value else t(lang, "sum.no_owner")


def _item(text: str, suffix: str = "") -> str:
    return f"- {text_block(text, '  ')}{suffix}"


def row_marks(lang: str, row: AnswerRow) -> str:
    """What an export adds after an answer (highlighted) or a question (its upvotes and status)."""
    if row.upvotes is not None:
        status = t(lang, "sum.q_answered" if row.answered else "sum.q_open")
        return f"{t(lang, 'sum.upvotes', n=row.upvotes)} · {status}"
    return t(lang, "sum.highlighted") if row.highlighted else ""


def _answer_items(lang: str, rows: tuple[AnswerRow, ...]) -> list[str]:
    return [_item(row.text, f" *({marks})*" if (marks := row_marks(lang, row)) else "") for row in rows]


def hidden_text(lang: str, question: QuestionResult) -> str:
    """How many answers (or questions) the facilitator hid or never approved."""
    key = "sum.hidden_questions" if question.asked else "sum.hidden_count"
    return t(lang, key, n=question.hidden)


def answers_block(lang: str, question: QuestionResult) -> str:
    """A question's answers (or the questions asked) as a list, the hidden ones counted, or none."""
    parts = ["\n".join(_answer_items(lang, question.answers))] if question.answers else []
    if question.hidden:
        parts.append(f"*{hidden_text(lang, question)}*")
    return "\n\n".join(parts) or t(lang, "questions.none" if question.asked else "sum.no_answers")


def _agreement(lang: str, a: Agreement) -> str:
    details = [f"{t(lang, 'sum.owner')}: {owner(lang, a.owner)}"]
    if a.due:
        details.append(f"{t(lang, 'sum.due').lower()}: {date(a.due)}")
    if a.status:
        details.append(f"{t(lang, 'sum.status').lower()}: {cell(a.status)}")
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


def withheld_text(lang: str, held: Held) -> str:
    """Why a result is not shown: the named pair's ratings, or too few respondents."""
    if held.named:
        return t(lang, "held.named", k=held.k)
    return t(lang, "held.few", k=held.k)


def _chart(summary: Summary, result: StepResult, title: str) -> list[Block]:
    lang, tally, split = summary.lang, result.tally, result.split
    if isinstance(tally, Held):
        return [f"*{withheld_text(lang, tally)}*"]
    assert isinstance(tally, Tally)
    rows = tuple((c.label, n, share) for c, n, share in tally.rows())
    responses = t(lang, "sum.responses", n=tally.total, m=summary.participants)
    blocks: list[Block] = [Chart(title, rows), responses]
    if tally.mean is not None:
        blocks.append(f"{t(lang, 'sum.mean')}: {tally.mean:.1f}".replace(".", ","))
    if split is None or split.no_roles:
        return blocks
    if split.groups:
        head = [t(lang, "sum.option"), *(t(lang, f"role.{r}") for r, _ in split.groups)]
        lines = ["| " + " | ".join(cell(h) for h in head) + " |",
                 "|---" + "|---:" * len(split.groups) + "|"]
        for n, choice in enumerate(tally.choices):
            counts = " | ".join(str(g.counts[n]) for _, g in split.groups)
            lines.append(f"| {cell(choice.label)} | {counts} |")
        blocks += [f"**{t(lang, 'sum.by_role')}**", "\n".join(lines)]
    if split.withheld:
        names = ", ".join(t(lang, f"role.{r}") for r in split.withheld)
        blocks.append(f"*{t(lang, 'sum.roles_withheld', groups=names, k=split.k)}*")
    return blocks


def _cloud(summary: Summary, result: StepResult) -> list[Block]:
    """The words given, most often given first, or why they are withheld."""
    lang, cloud = summary.lang, result.cloud
    if isinstance(cloud, Held):
        return [f"*{withheld_text(lang, cloud)}*"]
    assert isinstance(cloud, Cloud)
    responses = t(lang, "sum.responses", n=cloud.total, m=summary.participants)
    return [WordCloud(result.step.prompt, cloud.words), responses]


def _standing(summary: Summary, result: StepResult) -> list[Block]:
    """The room's order with mean place (and points), its agreement, and each role's order."""
    lang, standing, split = summary.lang, result.standing, result.ranks
    if isinstance(standing, Held):
        return [f"*{withheld_text(lang, standing)}*"]
    assert isinstance(standing, Standing)
    points = standing.by_points
    head = [t(lang, "sum.rank_place"), t(lang, "sum.alternative"), t(lang, "sum.mean_rank"),
            *([t(lang, "sum.points")] if points else [])]
    # no column alignment: markdown-it would write it as style attributes, which the HTML's CSP refuses
    lines = ["| " + " | ".join(head) + " |", "|---|---|---|" + ("---|" if points else "")]
    for n, place in enumerate(standing.places, 1):
        mean = decimal(place.mean_rank)
        given = f" {place.points} |" if points else ""
        lines.append(f"| {n} | {cell(place.choice.label)} | {mean} |{given}")
    responses = t(lang, "sum.responses", n=standing.total, m=summary.participants)
    blocks: list[Block] = ["\n".join(lines), responses, agreement_text(lang, standing, "sum.agreement_w")]
    if split is None or split.no_roles:
        return blocks
    if split.groups:
        roles = [t(lang, f"role.{r}") for r, _ in split.groups]
        table = ["| " + " | ".join([t(lang, "sum.alternative"), *roles]) + " |",
                 "|---" * (len(roles) + 1) + "|"]
        for place in standing.places:
            at = [next(n for n, p in enumerate(g.places, 1) if p.choice == place.choice)
                  for _, g in split.groups]
            table.append(f"| {cell(place.choice.label)} | " + " | ".join(map(str, at)) + " |")
        blocks += [f"**{t(lang, 'sum.by_role')}** ({t(lang, 'sum.rank_place').lower()})", "\n".join(table)]
    if split.withheld:
        names = ", ".join(t(lang, f"role.{r}") for r in split.withheld)
        blocks.append(f"*{t(lang, 'sum.roles_withheld', groups=names, k=split.k)}*")
    return blocks


def _questions(lang: str, questions: tuple[QuestionResult, ...], level: str,
               skip_empty: bool = False) -> list[Block]:
    blocks: list[Block] = []
    for question in questions:
        if skip_empty and not (question.answers or question.hidden):
            continue
        blocks += [f"{level} {escape(question.text)}", answers_block(lang, question)]
    return blocks


def _gap_table(summary: Summary, result: StepResult) -> list[Block]:
    """The pair's ratings side by side, largest distance first, with what they agreed on each."""
    lang, gap = summary.lang, result.gap
    if gap is None or gap.rows is None:
        return [t(lang, "sum.gap_waiting")]
    agreed = {r.step.key: [a for a in r.agreements if not referat.is_carried(a)] for r in summary.results}
    trend = bool(summary.follows) and any(row.trend or row.last for row in gap.rows)
    extra = (f" {t(lang, 'sum.last_distance')} | {t(lang, 'sum.change')} | {t(lang, 'sum.last_agreed')} |"
             if trend else "")
    lines = [f"| {t(lang, 'sum.statement')} | {t(lang, 'role.ordforer')} | {t(lang, 'role.kommunedirektor')} "
             f"| {t(lang, 'sum.distance')} | {t(lang, 'sum.agreed')} |{extra}",
             "|---|---|---|---:|---|" + ("---:|---|---|" if trend else "")]
    for row in gap.rows:
        made = " / ".join(cell(a.text) for a in agreed.get(row.step.key, ()))
        line = (f"| {cell(row.step.prompt)} | {row.first.label} | {row.second.label} | "
                f"{_distance(row.distance)} | {made} |")
        if trend:
            last = " / ".join(f"{cell(a.text)} ({cell(a.status) or t(lang, 'sum.no_status')})"
                              for a in row.last)
            line += (f" {_distance(row.trend.before) if row.trend else '–'} | "
                     f"{t(lang, row.trend.change) if row.trend else '–'} | {last or '–'} |")
        lines.append(line)
    return [t(lang, "sum.gap_intro"), "\n".join(lines)]


def _distance(value: int | None) -> str:
    return "–" if value is None else str(value)


def _followups(summary: Summary) -> list[Block]:
    lang, made = summary.lang, summary.follow_ups
    if not made:
        return []
    lines = [f"| {t(lang, 'sum.agreement')} | {t(lang, 'sum.owner')} | {t(lang, 'sum.due')} | "
             f"{t(lang, 'sum.status')} |", "|---|---|---|---|"]
    lines += [f"| {cell(a.text)} | {owner(lang, a.owner)} | {date(a.due) or '–'} | {cell(a.status) or '–'} |"
              for a in made]
    return [f"## {t(lang, 'sum.followups')}", t(lang, "sum.followups_intro"), "\n".join(lines)]


def _attachment(summary: Summary) -> list[Block]:
    """That a note was attached: its text is confidential and never part of the summary."""
    if not summary.attachment:
        return []
    return [f"## {t(summary.lang, 'sum.attachment', name=cell(summary.attachment))}",
            t(summary.lang, "sum.attachment_kept")]


def meeting_facts(summary: Summary) -> list[tuple[str, str]]:
    """The meeting details as (label, plain text) pairs, in the order the minutes give them."""
    lang, m = summary.lang, summary.meeting
    facts = []
    if m.organ or m.kommune:
        facts.append((t(lang, "sum.organ"), ", ".join(v for v in (m.organ, m.kommune) if v)))
    if m.place:
        facts.append((t(lang, "sum.place"), m.place))
    when = norwegian_date(m.date)
    if m.start:
        clock = m.start + (f"–{m.end}" if m.end else "")
        when = f"{when} {t(lang, 'sum.clock')} {clock}".strip()
    if when:
        facts.append((t(lang, "sum.time"), when))
    if m.present:
        facts.append((t(lang, "sum.present"), ", ".join(m.present)))
    elif m.counts:
        counts = (t(lang, "sum.present_count", role=t(lang, f"role.{r}"), n=n) for r, n in m.counts)
        facts.append((t(lang, "sum.present"), ", ".join(counts)))
    if m.chair:
        facts.append((t(lang, "sum.chair"), m.chair))
    if m.secretary:
        facts.append((t(lang, "sum.secretary"), m.secretary))
    return facts


def _header(summary: Summary, title: str) -> list[Block]:
    lang = summary.lang
    facts = [f"- **{label}:** {escape_inline(value)}" for label, value in meeting_facts(summary)]
    facts.append(f"- **{t(lang, 'sum.session')}:** {escape(summary.session)}")
    if not summary.meeting.date:
        facts.append(f"- **{t(lang, 'sum.date')}:** {summary.created[:10]}")
    facts.append(f"- **{t(lang, 'sum.participants')}:** {summary.participants}")
    if summary.follows:
        facts.append(f"- **{t(lang, 'sum.follows')}:** {escape(summary.follows)}")
    blocks: list[Block] = [f"# {escape(title)}"]
    if summary.referat:
        blocks += [Banner(t(lang, "sum.draft")), "\n".join(facts), t(lang, "sum.draft_intro")]
    else:
        blocks.append("\n".join(facts))
    return blocks


def _summary_blocks(summary: Summary) -> list[Block]:
    lang = summary.lang
    blocks = _header(summary, summary.programme_title)
    deck = None
    for result in summary.results:
        step = result.step
        if not isinstance(step.body, StatementVote):
            deck = None
        match step.body:
            case StatementVote(statement=statement) if summary.named:
                if result.note:  # the pair's ratings are in the gap table; only a note is added here
                    blocks += [f"## {escape(statement.text)}", *_minutes(lang, result, "###")]
            case StatementVote(statement=statement):
                if deck != step.title:
                    deck = step.title
                    blocks.append(f"## {t(lang, 'sum.statements')}: {escape(step.title)}")
                blocks += [f"### {escape(statement.text)}", f"*{escape(statement.theme)}*"]
                blocks += _chart(summary, result, statement.text)
                blocks += _minutes(lang, result, "####")
            case PollVote(poll=poll):
                blocks += [f"## {t(lang, 'sum.poll')}: {escape(poll.question)}"]
                blocks += _chart(summary, result, poll.question)
                blocks.append(f"**{t(lang, 'sum.key')}:** {escape(label(step, lang, poll.answer))}")
                blocks += _minutes(lang, result, "###")
            case WordsPrompt():
                blocks += [f"## {t(lang, 'sum.words')}: {escape(step.title)}", f"**{escape(step.prompt)}**"]
                blocks += _cloud(summary, result)
                blocks += _minutes(lang, result, "###")
            case RankingList():
                blocks += [f"## {t(lang, 'sum.ranking')}: {escape(step.title)}", f"**{escape(step.prompt)}**"]
                blocks += _standing(summary, result)
                blocks += _minutes(lang, result, "###")
            case Reflection():
                blocks.append(f"## {t(lang, 'sum.reflection')}: {escape(step.title)}")
                blocks += _questions(lang, result.questions, "###")
                blocks += _minutes(lang, result, "###")
            case Questions():
                blocks.append(f"## {escape(step.title)}")
                blocks += _questions(lang, result.questions, "###")
                blocks += _minutes(lang, result, "###")
            case GapReview():
                blocks += [f"## {escape(step.title)}", *_gap_table(summary, result)]
                blocks += _minutes(lang, result, "###")
            case CaseText() | Closing() if result.has_minutes:
                prefix = f"{t(lang, 'sum.case')}: " if isinstance(step.body, CaseText) else ""
                blocks += [f"## {prefix}{escape(step.title)}", *_minutes(lang, result, "###")]
    return [*blocks, *_followups(summary), *_attachment(summary), "---", f"*{footer(summary)}*"]


def footer(summary: Summary) -> str:
    """What the summary promises about who can be recognised in it, exactly as it holds."""
    key = "sum.referat_footer" if summary.referat else "sum.footer_named" if summary.named else "sum.footer"
    return t(summary.lang, key, k=summary.k)


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
    if result.input is not None and (result.input.answers or result.input.hidden):
        blocks += [f"#### {t(lang, 'sum.input')}", answers_block(lang, result.input)]
    if any(q.answers or q.hidden for q in result.questions):
        blocks.append(f"#### {t(lang, 'sum.meeting_answers')}")
        blocks += _questions(lang, result.questions, "#####", skip_empty=True)
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
    return [*blocks, *_followups(summary), *_attachment(summary), "---", f"*{footer(summary)}*"]


def blocks(summary: Summary) -> list[Block]:
    """The document as blocks: the referat of a development conversation, else the summary."""
    return _referat_blocks(summary) if summary.referat else _summary_blocks(summary)


def _table(lang: str, chart: Chart) -> str:
    lines = [f"| {t(lang, 'sum.option')} | {t(lang, 'sum.count')} | {t(lang, 'sum.share')} |",
             "|---|---:|---:|"]
    lines += [f"| {cell(label)} | {count} | {round(100 * share)} % |" for label, count, share in chart.rows]
    return "\n".join(lines)


def _word_table(lang: str, cloud: WordCloud) -> str:
    lines = [f"| {t(lang, 'sum.words')} | {t(lang, 'sum.count')} |", "|---|---|"]
    return "\n".join([*lines, *(f"| {cell(word)} | {count} |" for word, count in cloud.words)])


def render_block(lang: str, block: Block) -> str:
    """One block as Markdown."""
    if isinstance(block, Chart):
        return _table(lang, block)
    if isinstance(block, WordCloud):
        return _word_table(lang, block)
    if isinstance(block, Banner):
        return f"**{escape(block.text)}**"
    return block


def summary_markdown(summary: Summary) -> str:
    """The whole summary (or referat) as a Markdown document."""
    return "\n\n".join(render_block(summary.lang, b) for b in blocks(summary)) + "\n"

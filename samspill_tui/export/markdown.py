"""The session summary as Markdown, with participant text escaped."""

from __future__ import annotations

import re

from samspill_tui.export.summary import StepResult, Summary
from samspill_tui.i18n import t
from samspill_tui.session.steps import POLL, STATEMENT

_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~&])")


def escape(text: str) -> str:
    """Text that Markdown shows literally: every special character backslash-escaped."""
    return _SPECIAL.sub(r"\\\1", text)


def _quote(text: str) -> str:
    """Escaped text as the body of a list item (continuation lines indented)."""
    return "\n  ".join(escape(line) for line in text.split("\n"))


def _vote_section(result: StepResult, summary: Summary) -> list[str]:
    lang, step, dist = summary.lang, result.step, result.distribution
    assert dist is not None
    if step.kind == STATEMENT and step.statement is not None:
        lines = [f"### {escape(step.statement.text)}", "",
                 f"*{escape(step.statement.theme)}*", ""]
    else:
        question = step.poll.question if step.poll else step.title
        lines = [f"### {t(lang, 'sum.poll')}: {escape(question)}", ""]
    lines += [f"| {t(lang, 'sum.option')} | {t(lang, 'sum.count')} | {t(lang, 'sum.share')} |",
              "|---|---:|---:|"]
    for label, (value, count) in zip(result.labels, dist.counts, strict=True):
        share = round(100 * dist.share(value))
        lines.append(f"| {escape(label)} | {count} | {share} % |")
    lines += ["", t(lang, "sum.responses", n=dist.total, m=summary.participants)]
    if step.kind == STATEMENT and dist.mean is not None:
        lines.append(f"{t(lang, 'sum.mean')}: {dist.mean:.1f}".replace(".", ","))
    if step.kind == POLL and step.poll is not None:
        right = step.poll.option(step.poll.answer)
        lines += ["", f"**{t(lang, 'sum.key')}:** {escape(right.text if right else '')}"]
    return [*lines, ""]


def _answer_section(result: StepResult, summary: Summary) -> list[str]:
    lines = [f"## {t(summary.lang, 'sum.reflection')}: {escape(result.step.title)}", ""]
    for n, question in enumerate(result.step.questions):
        lines += [f"### {escape(question)}", ""]
        texts = [text for q, text in result.answers if q == n]
        lines += [f"- {_quote(text)}" for text in texts] or [t(summary.lang, "sum.no_answers")]
        lines.append("")
    return lines


def summary_markdown(summary: Summary) -> str:
    """The whole summary as a Markdown document."""
    lang = summary.lang
    lines = [
        f"# {escape(summary.programme_title)}",
        "",
        f"- **{t(lang, 'sum.session')}:** {escape(summary.session)}",
        f"- **{t(lang, 'sum.date')}:** {summary.created[:10]}",
        f"- **{t(lang, 'sum.participants')}:** {summary.participants}",
        "",
    ]
    in_statements = False
    for result in summary.results:
        if result.distribution is None:
            in_statements = False
            lines += _answer_section(result, summary)
            continue
        if result.step.kind == STATEMENT and not in_statements:
            lines += [f"## {t(lang, 'sum.statements')}: {escape(result.step.title)}", ""]
            in_statements = True
        elif result.step.kind == POLL:
            in_statements = False
            lines += [f"## {escape(result.step.title)}", ""]
        lines += _vote_section(result, summary)
    lines += ["---", "", f"*{t(lang, 'sum.footer')}*", ""]
    return "\n".join(lines)

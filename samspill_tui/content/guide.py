"""The facilitator's script of a programme: every step with clock times, what to say, notes and keys.

Markdown first; the HTML page renders that Markdown with markdown-it-py, raw HTML disabled.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import escape

from markdown_it import MarkdownIt

from samspill_tui.content.model import Case, LanguageContent, Programme, ReflectionSet, Roles, StepSpec
from samspill_tui.i18n import t

TIME_RE = re.compile(r"^(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)$")
CSS = (
    "body{font:11pt/1.45 'DejaVu Sans',Arial,sans-serif;max-width:46em;margin:2em auto;padding:0 1em}"
    "h2{border-bottom:1px solid #ccc;break-after:avoid}table{border-collapse:collapse}"
    "th,td{border:1px solid #ccc;padding:.2em .5em;text-align:left}"
)

_md = MarkdownIt("commonmark", {"html": False}).enable("table")


def parse_clock(text: str) -> int:
    """Minutes after midnight of ``HH:MM``; raises ValueError otherwise."""
    m = TIME_RE.match(text.strip())
    if not m:
        raise ValueError(f"not a clock time (HH:MM): {text!r}")
    return int(m["h"]) * 60 + int(m["m"])


def clock(minutes: int) -> str:
    """``HH:MM`` of minutes after midnight."""
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def _title(spec: StepSpec, content: LanguageContent, lang: str) -> str:
    ref = spec.ref or ""
    source = content.reflections.get(ref) or content.cases.get(ref) or content.decks.get(ref)
    return source.title if source else t(lang, f"guide.kind.{spec.kind}")


def _quote(text: str) -> str:
    """A Markdown block turned into a block quote (the words to read or say)."""
    return "\n".join(f"> {line}".rstrip() for line in text.splitlines())


def _body(spec: StepSpec, content: LanguageContent, lang: str, shown: set[str]) -> Iterator[str]:
    """The parts of one step: text to read or say, questions, poll and key, notes."""
    ref = spec.ref or ""
    case: Case | None = content.cases.get(ref)
    if spec.kind == "case" and case:
        yield f"### {t(lang, 'guide.read')}\n\n{_quote(case.situation)}"
        for who, text in case.viewpoints:
            yield f"#### {who}\n\n{_quote(text)}"
    elif spec.kind == "reflection":
        item: ReflectionSet | Case | None = content.reflections.get(ref) or case
        if isinstance(item, ReflectionSet) and item.intro:
            yield f"### {t(lang, 'guide.say')}\n\n{_quote(item.intro)}"
        if item:
            yield f"### {t(lang, 'guide.questions')}\n\n" + "\n".join(f"- {q}" for q in item.questions)
    elif spec.kind in ("words", "ranking") and ref in content.reflections:
        asked = content.reflections[ref]
        if asked.intro:
            yield f"### {t(lang, 'guide.say')}\n\n{_quote(asked.intro)}"
        how = (t(lang, "guide.words") if spec.kind == "words" else
               t(lang, "guide.points", points=spec.extra[0]) if spec.extra else t(lang, "guide.ranking"))
        listed = "".join(f"\n- {o.text}" for o in asked.options)
        yield f"### {asked.questions[0]}\n\n{how}" + (f"\n{listed}" if listed else "")
    elif spec.kind == "poll" and case and case.poll:
        poll = case.poll
        options = "\n".join(f"- {o.text}" for o in poll.options)
        answer = poll.option(poll.answer)
        yield f"### {poll.question}\n\n{t(lang, 'guide.options')}:\n\n{options}"
        yield f"### {t(lang, 'guide.answer', option=answer.text if answer else poll.answer)}\n\n" \
              f"{poll.explanation}"
    elif spec.kind in ("statements", "rating") and ref in content.decks:
        deck = content.decks[ref]
        chosen = [s for s in deck.statements if not spec.extra or s.id in spec.extra]
        each = spec.minutes_each(len(chosen))
        yield (f"### {t(lang, 'guide.statements', each=each or '–')}" if spec.kind == "statements"
               else f"### {t(lang, 'guide.rating', n=len(chosen))}")
        for statement in chosen:
            yield f"#### {statement.id}: {statement.text}\n\n" + "\n".join(
                f"- {q}" for q in statement.questions)
    elif spec.kind == "gap" and ref in content.decks:
        yield f"### {t(lang, 'guide.say')}\n\n{_quote(content.decks[ref].intro)}\n\n{t(lang, 'guide.gap')}"
    elif spec.kind == "questions":
        approval = t(lang, "guide.questions_direct" if spec.direct else "guide.questions_approval")
        yield f"### {t(lang, 'guide.say')}\n\n{t(lang, 'guide.questions_step')} {approval}"
    elif spec.kind == "summary":
        yield f"### {t(lang, 'guide.say')}\n\n{t(lang, 'guide.summary')}"
    if spec.closes:
        yield f"*{t(lang, f'guide.closes.{spec.closes}')}*"
    noted = content.reflections.get(ref) or case
    if noted and noted.notes and ref not in shown:  # a case's notes once, at its first step
        shown.add(ref)
        yield f"### {t(lang, 'guide.notes')}\n\n{noted.notes}"


def guide_markdown(programme: Programme, content: LanguageContent, lang: str, start: int = 9 * 60) -> str:
    """The script as Markdown: overview table, then each step with its clock times and minutes."""
    total = programme.total_minutes
    out = [f"# {t(lang, 'guide.title', title=programme.title)}"]
    if programme.description:
        out.append(programme.description)
    out.append(t(lang, "guide.time", start=clock(start), end=clock(start + total), minutes=total,
                 hours=total // 60, rest=total % 60))
    if programme.roles == Roles.GROUPS:
        out.append(t(lang, "guide.roles_groups"))
    rows = [f"| {t(lang, 'guide.col.time')} | {t(lang, 'guide.col.minutes')} | {t(lang, 'guide.col.step')} |",
            "|---|---:|---|"]
    sections: list[str] = []
    shown: set[str] = set()
    now = start
    for n, spec in enumerate(programme.steps, 1):
        minutes = spec.minutes or 0
        when = f"{clock(now)}–{clock(now + minutes)}"
        title, kind = _title(spec, content, lang), t(lang, f"guide.kind.{spec.kind}")
        label = kind if title == kind else f"{kind}: {title}"
        rows.append(f"| {when} | {minutes or '–'} | {n}. {label.replace('|', '/')} |")
        head = f"## {n}. {when} · {label} ({t(lang, 'minutes', n=minutes)})"
        sections.append("\n\n".join([head, *_body(spec, content, lang, shown)]))
        now += minutes
    out += [f"## {t(lang, 'guide.overview')}", "\n".join(rows), *sections]
    return "\n\n".join(out) + "\n"


def guide_html(programme: Programme, content: LanguageContent, lang: str, start: int = 9 * 60) -> str:
    """The script as one printable HTML page (no scripts; content text is escaped)."""
    body = _md.render(guide_markdown(programme, content, lang, start))
    title = escape(t(lang, "guide.title", title=programme.title))
    return (f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}</body>\n</html>\n")

"""The summary as an Excel workbook: one sheet per kind, for the council's own spreadsheets.

Sheets: the meeting details, the statements (text, theme and distribution, by role where the
summary shows role groups), the polls (one row per option, the answer key marked), the answers,
and the agreements with owner, due date and status. Only what the summary holds is written, so the
disclosure policy holds here as in every format. Every text is written as a text cell (never a
formula, whatever it starts with), dates as date cells and shares as percentages, so the workbook
opens cleanly in Norwegian Excel. The workbook's own dates are the export's time.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from samspill_tui.export.markdown import hidden_text, owner, withheld_text
from samspill_tui.i18n import t
from samspill_tui.session import referat
from samspill_tui.session.reading import Cloud, Held, Standing, Tally
from samspill_tui.session.steps import Choice, PollVote, StatementVote, options
from samspill_tui.session.summary import QuestionResult, StepResult, Summary

DATE_FORMAT = "dd.mm.yyyy"
SHARE_FORMAT = "0 %"
_BOLD = Font(bold=True)


def _value(value: Any) -> Any:
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _append(sheet: Worksheet, values: list[Any], *, bold: bool = False) -> None:
    """A row; strings stay text even when they start with "=", ISO dates become dates."""
    sheet.append([_value(v) for v in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # openpyxl would take "=..." for a formula
        elif isinstance(cell.value, date):
            cell.number_format = DATE_FORMAT
        if bold:
            cell.font = _BOLD


def _iso_date(value: str) -> date | str:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return value


def _sheet(book: Workbook, title: str, header: list[str], widths: list[int]) -> Worksheet:
    sheet = book.create_sheet(title[:31])
    _append(sheet, header, bold=True)
    sheet.freeze_panes = "A2"
    for n, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + n)].width = width
    return sheet


def _meeting(book: Workbook, summary: Summary) -> None:
    lang, m = summary.lang, summary.meeting
    sheet = _sheet(book, t(lang, "xlsx.meeting"), [t(lang, "xlsx.field"), t(lang, "xlsx.value")], [24, 70])
    title = t(lang, "sum.referat_title", title=summary.programme_title) if summary.referat \
        else summary.programme_title
    rows: list[tuple[str, Any]] = [(t(lang, "home.programme"), title)]
    rows += [(t(lang, "sum.organ"), m.organ), (t(lang, "meeting.kommune"), m.kommune),
             (t(lang, "sum.place"), m.place),
             (t(lang, "sum.date"), _iso_date(m.date or summary.created[:10])),
             (t(lang, "xlsx.start"), m.start), (t(lang, "xlsx.end"), m.end)]
    if m.present:
        rows.append((t(lang, "sum.present"), ", ".join(m.present)))
    rows += [(f"{t(lang, 'sum.present')}: {t(lang, f'role.{r}')}", n) for r, n in m.counts]
    rows += [(t(lang, "sum.chair"), m.chair), (t(lang, "sum.secretary"), m.secretary),
             (t(lang, "sum.session"), summary.session), (t(lang, "sum.participants"), summary.participants)]
    if summary.referat:
        rows.append((t(lang, "sum.draft"), ""))
    for label, value in rows:
        if value != "":
            _append(sheet, [label, value])
    _append(sheet, [t(summary.lang, "sum.footer" if not summary.referat else "sum.referat_footer",
                      k=summary.k), ""])


def _held(lang: str, tally: Tally | Held | None) -> str:
    return withheld_text(lang, tally) if isinstance(tally, Held) else ""


def _statements(book: Workbook, summary: Summary) -> None:
    lang = summary.lang
    results = [r for r in summary.results if isinstance(r.step.body, StatementVote) and not r.withheld]
    if not results:
        return
    labels = [c.label for c in _choices(results, lang)]
    header = [t(lang, "xlsx.step"), t(lang, "sum.statement"), t(lang, "xlsx.theme"), t(lang, "xlsx.role"),
              *labels, t(lang, "xlsx.responses"), t(lang, "sum.mean"), t(lang, "xlsx.withheld")]
    widths = [22, 60, 18, 16] + [11] * len(labels) + [10, 12, 40]
    sheet = _sheet(book, t(lang, "xlsx.statements"), header, widths)
    for result in results:
        assert isinstance(result.step.body, StatementVote)
        statement = result.step.body.statement
        head = [result.step.title, statement.text, statement.theme]
        tally = result.tally
        if not isinstance(tally, Tally):
            _append(sheet, [*head, t(lang, "xlsx.all"), *[""] * len(labels), "", "", _held(lang, tally)])
            continue
        mean = round(tally.mean, 2) if tally.mean is not None else ""
        _append(sheet, [*head, t(lang, "xlsx.all"), *tally.counts, tally.total, mean, ""])
        split = result.split
        for role, group in split.groups if split is not None else ():
            gmean = round(group.mean, 2) if group.mean is not None else ""
            _append(sheet, [*head, t(lang, f"role.{role}"), *group.counts, group.total, gmean, ""])
        if split is not None and split.withheld:
            names = ", ".join(t(lang, f"role.{r}") for r in split.withheld)
            _append(sheet, [*head, names, *[""] * len(labels), "", "",
                            t(lang, "sum.roles_withheld", groups=names, k=split.k)])


def _choices(results: list[StepResult], lang: str) -> tuple[Choice, ...]:
    """The statement scale (every statement has the same options)."""
    return tuple(options(results[0].step, lang))


def _polls(book: Workbook, summary: Summary) -> None:
    lang = summary.lang
    results = [r for r in summary.results if isinstance(r.step.body, PollVote) and not r.withheld]
    if not results:
        return
    header = [t(lang, "xlsx.question"), t(lang, "sum.option"), t(lang, "sum.count"), t(lang, "sum.share"),
              t(lang, "sum.key"), t(lang, "xlsx.withheld")]
    sheet = _sheet(book, t(lang, "xlsx.polls"), header, [50, 40, 10, 10, 8, 40])
    for result in results:
        assert isinstance(result.step.body, PollVote)
        poll, tally = result.step.body.poll, result.tally
        if not isinstance(tally, Tally):
            _append(sheet, [poll.question, "", "", "", "", _held(lang, tally)])
            continue
        for choice, count, share in tally.rows():
            _append(sheet, [poll.question, choice.label, count, round(share, 4),
                            t(lang, "xlsx.yes") if choice.value == poll.answer else "", ""])
            sheet.cell(sheet.max_row, 4).number_format = SHARE_FORMAT


def _words(book: Workbook, summary: Summary) -> None:
    lang = summary.lang
    results = [r for r in summary.results if r.cloud is not None and not r.withheld]
    if not results:
        return
    header = [t(lang, "xlsx.question"), t(lang, "sum.words"), t(lang, "sum.count"), t(lang, "xlsx.withheld")]
    sheet = _sheet(book, t(lang, "xlsx.words"), header, [50, 30, 10, 40])
    for result in results:
        if isinstance(result.cloud, Held):
            _append(sheet, [result.step.prompt, "", "", withheld_text(lang, result.cloud)])
        for word, count in result.cloud.words if isinstance(result.cloud, Cloud) else ():
            _append(sheet, [result.step.prompt, word, count, ""])


def _rankings(book: Workbook, summary: Summary) -> None:
    lang = summary.lang
    results = [r for r in summary.results if r.standing is not None and not r.withheld]
    if not results:
        return
    header = [t(lang, "xlsx.question"), t(lang, "xlsx.role"), t(lang, "sum.rank_place"),
              t(lang, "sum.alternative"), t(lang, "sum.mean_rank"), t(lang, "sum.points"),
              t(lang, "xlsx.responses"), "Kendall W", t(lang, "xlsx.withheld")]
    sheet = _sheet(book, t(lang, "xlsx.rankings"), header, [50, 16, 8, 50, 11, 8, 10, 11, 40])
    for result in results:
        prompt, standing = result.step.prompt, result.standing
        if isinstance(standing, Held):
            _append(sheet, [prompt, "", "", "", "", "", "", "", withheld_text(lang, standing)])
            continue
        assert isinstance(standing, Standing)
        groups = [(t(lang, "xlsx.all"), standing)]
        groups += [(t(lang, f"role.{r}"), g) for r, g in result.ranks.groups] if result.ranks else []
        for who, group in groups:
            w = round(group.agreement, 3) if group.agreement is not None else ""
            for n, place in enumerate(group.places, 1):
                points = place.points if place.points is not None else ""
                _append(sheet, [prompt, who, n, place.choice.label, round(place.mean_rank, 2), points,
                                group.total, w, ""])
        if result.ranks is not None and result.ranks.withheld:
            names = ", ".join(t(lang, f"role.{r}") for r in result.ranks.withheld)
            _append(sheet, [prompt, names, "", "", "", "", "", "",
                            t(lang, "sum.roles_withheld", groups=names, k=result.ranks.k)])


def _answers(book: Workbook, summary: Summary) -> None:
    lang = summary.lang
    header = [t(lang, "xlsx.step"), t(lang, "xlsx.question"), t(lang, "xlsx.answer"),
              t(lang, "sum.highlighted")]
    sheet = _sheet(book, t(lang, "xlsx.answers"), header, [28, 50, 80, 11])

    def question(title: str, q: QuestionResult) -> None:
        if q.asked:
            return  # on the sheet of the room's questions
        for a in sorted(q.answers, key=lambda a: (a.text.casefold(), a.text)):
            _append(sheet, [title, q.text, a.text, t(lang, "xlsx.yes") if a.highlighted else ""])
        if q.hidden:
            _append(sheet, [title, q.text, t(lang, "sum.hidden_count", n=q.hidden), ""])

    for result in summary.results:
        if result.withheld:
            continue
        if result.input is not None:
            question(f"{result.step.title} ({t(lang, 'sum.input')})", result.input)
        for q in result.questions:
            question(result.step.title, q)


def _asked(book: Workbook, summary: Summary) -> None:
    """The questions the room asked, as ranked, with upvotes and status (a sheet only if any step asked)."""
    lang = summary.lang
    asked = [(r.step.title, q) for r in summary.results if not r.withheld for q in r.questions if q.asked]
    if not asked:
        return
    header = [t(lang, "xlsx.step"), t(lang, "xlsx.question"), t(lang, "xlsx.upvotes"), t(lang, "xlsx.status")]
    sheet = _sheet(book, t(lang, "xlsx.questions"), header, [28, 80, 10, 16])
    for title, q in asked:
        for a in q.answers:
            status = t(lang, "sum.q_answered" if a.answered else "sum.q_open")
            _append(sheet, [title, a.text, a.upvotes, status])
        if q.hidden:
            _append(sheet, [title, hidden_text(lang, q), "", ""])


def _agreements(book: Workbook, summary: Summary) -> None:
    lang = summary.lang
    header = [t(lang, "xlsx.step"), t(lang, "sum.agreement"), t(lang, "sum.owner"), t(lang, "sum.due"),
              t(lang, "sum.status"), t(lang, "xlsx.carried")]
    sheet = _sheet(book, t(lang, "xlsx.agreements"), header, [28, 60, 20, 12, 30, 16])
    for result in summary.results:
        for a in result.agreements if not result.withheld else ():
            carried = t(lang, "xlsx.yes") if referat.is_carried(a) else ""
            due = _iso_date(a.due) if a.due else ""
            _append(sheet, [result.step.title, a.text, owner(lang, a.owner), due, a.status, carried])


def summary_xlsx(summary: Summary) -> bytes:
    """The summary as an .xlsx workbook (bytes)."""
    book = Workbook()
    assert book.active is not None
    book.remove(book.active)
    _meeting(book, summary)
    _statements(book, summary)
    _polls(book, summary)
    _rankings(book, summary)
    _words(book, summary)
    _answers(book, summary)
    _asked(book, summary)
    _agreements(book, summary)
    stamp = datetime.fromisoformat(summary.exported).replace(tzinfo=None)
    book.properties.creator = "Samspill"
    book.properties.title = summary.programme_title
    book.properties.created = book.properties.modified = stamp
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

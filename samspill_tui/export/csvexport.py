"""The anonymous raw data of a summary as CSV, for tools: one row per vote, word given, answer, note
and agreement, and a ranking's order per group (``place``, and the mean place or the points as
``score``), the meeting details first. No participant ids, no times.

Rows follow the programme's steps; within a step, votes are in option order (by role where the
summary shows role groups) and answers in question order, then alphabetically, so the order says
nothing about who answered when. Only what the summary shows is here: no vote of a withheld
group, no role of a group withheld, no hidden answer, nothing of an item never written down.
No cell starts a formula however a spreadsheet splits the line: a formula character at the start
of the cell, or after any character a spreadsheet may split at (comma, semicolon, tab, line break,
pipe, quote), gets an apostrophe before it.

Two dialects: ``standard`` (comma) for tools, and ``excel`` (semicolon) which Norwegian Excel
splits into columns on a double-click; both UTF-8 with a byte-order mark and CRLF line ends.
"""

from __future__ import annotations

import csv
import io
import re

from samspill_tui.session import referat
from samspill_tui.session.reading import Cloud, Standing, Tally
from samspill_tui.session.summary import QuestionResult, StepResult, Summary

BOM = "\ufeff"  # lets spreadsheet programs recognise UTF-8
COLUMNS = ("step_no", "step_key", "step_kind", "step_title", "prompt", "question_no", "question", "type",
           "value", "label", "role", "text", "highlighted", "owner", "due", "status", "place", "score")
DIALECTS = {"standard": ",", "excel": ";"}
# A formula character (OWASP's list; full-width forms too) where a field may begin after a split.
_FORMULA = re.compile(r"(^|[,;\t\r\n|\"])([ \u00a0]*)([=+\-@\uff1d\uff0b\uff0d\uff20])")


def safe_cell(value: str) -> str:
    """``value`` made inert for spreadsheets in every dialect (OWASP CSV injection guard)."""
    value = value.replace("\t", " ").replace("\r", " ")  # a cell never begins with either
    return _FORMULA.sub(lambda m: f"{m[1]}{m[2]}'{m[3]}", value)


def _row(**cells: str) -> list[str]:
    return [cells.get(column, "") for column in COLUMNS]


def _meeting_rows(summary: Summary) -> list[list[str]]:
    m = summary.meeting
    rows = [_row(type="meeting", value=field, text=getattr(m, field))
            for field in ("organ", "kommune", "place", "date", "start", "end") if getattr(m, field)]
    rows += [_row(type="meeting", value="present", text=name) for name in m.present]
    rows += [_row(type="meeting", value="present_count", role=role, text=str(n)) for role, n in m.counts]
    rows += [_row(type="meeting", value=field, text=getattr(m, field))
             for field in ("chair", "secretary") if getattr(m, field)]
    return rows


def _vote_rows(head: dict[str, str], result: StepResult) -> list[list[str]]:
    tally = result.tally
    if not isinstance(tally, Tally):
        return []
    groups = result.split.groups if result.split is not None else ()
    rows = []
    for n, (choice, count, _) in enumerate(tally.rows()):
        left = count
        for role, group in groups:  # only the groups the policy shows (each at least k)
            rows += [_row(**head, type="vote", value=choice.value, label=choice.label, role=role)] * \
                group.counts[n]
            left -= group.counts[n]
        rows += [_row(**head, type="vote", value=choice.value, label=choice.label)] * left
    return rows


def _word_rows(head: dict[str, str], result: StepResult) -> list[list[str]]:
    """One row each time a word was given, the words in alphabetical order."""
    cloud = result.cloud
    if not isinstance(cloud, Cloud):
        return []
    return [_row(**head, type="word", value=word)
            for word, count in sorted(cloud.words) for _ in range(count)]


def _rank_rows(head: dict[str, str], result: StepResult) -> list[list[str]]:
    """The room's order of a ranking, then each role's shown: place, and mean place or points."""
    standing = result.standing
    if not isinstance(standing, Standing):
        return []
    groups = [("", standing), *(result.ranks.groups if result.ranks is not None else ())]
    return [_row(**head, type="rank", value=p.choice.value, label=p.choice.label, role=role, place=str(n),
                 score=str(p.points) if p.points is not None else f"{p.mean_rank:.2f}")
            for role, group in groups for n, p in enumerate(group.places, 1)]


def _answer_rows(head: dict[str, str], question: QuestionResult, kind: str) -> list[list[str]]:
    if question.asked:  # the room's questions: as ranked, each with its upvotes and status
        return [_row(**head, question_no=str(question.number + 1), question=question.text, type="asked",
                     value=str(a.upvotes), text=a.text, highlighted="false",
                     status="answered" if a.answered else "open") for a in question.answers]
    return [_row(**head, question_no=str(question.number + 1), question=question.text, type=kind,
                 text=a.text, highlighted="true" if a.highlighted else "false")
            for a in sorted(question.answers, key=lambda a: (a.text.casefold(), a.text))]


def _rows(no: int, result: StepResult) -> list[list[str]]:
    step = result.step
    head = {"step_no": str(no), "step_key": step.key, "step_kind": step.kind.value,
            "step_title": step.title, "prompt": step.prompt}
    rows = _vote_rows(head, result) + _word_rows(head, result) + _rank_rows(head, result)
    if result.input is not None:
        rows += _answer_rows(head, result.input, "input")
    for question in result.questions:
        rows += _answer_rows(head, question, "answer")
    if result.note:
        rows.append(_row(**head, type="note", text=result.note))
    for a in result.agreements:
        kind = "carried_agreement" if referat.is_carried(a) else "agreement"
        rows.append(_row(**head, type=kind, text=a.text, owner=a.owner, due=a.due, status=a.status))
    return rows


def summary_csv(summary: Summary, dialect: str = "standard") -> str:
    """The raw data of the summary as CSV text (UTF-8 with BOM, CRLF line ends) in ``dialect``."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=DIALECTS[dialect], lineterminator="\r\n")
    writer.writerow(COLUMNS)
    rows = _meeting_rows(summary)
    for no, result in enumerate(summary.results, 1):
        if not result.withheld:
            rows += _rows(no, result)
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return BOM + out.getvalue()

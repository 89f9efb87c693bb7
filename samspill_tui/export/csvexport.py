"""The anonymous raw votes and answers as CSV: one row each, no participant ids, no times.

Rows follow the programme's steps; within a step, votes are in option order and answers in
question order, then alphabetically, so the order says nothing about who answered when. Only
what the summary shows is here: no vote of a withheld group, no hidden answer.
No cell starts a formula however a spreadsheet splits the line: a formula character at the start
of the cell, or after any character a spreadsheet may split at (comma, semicolon, tab, line break,
pipe, quote), gets an apostrophe before it.
"""

from __future__ import annotations

import csv
import io
import re

from samspill_tui.session.reading import Tally
from samspill_tui.session.summary import StepResult, Summary

BOM = "\ufeff"  # lets spreadsheet programs recognise UTF-8
COLUMNS = ("step_no", "step_key", "step_kind", "step_title", "question_no", "question", "type",
           "value", "label", "text", "highlighted")
# A formula character (OWASP's list; full-width forms too) where a field may begin after a split.
_FORMULA = re.compile(r"(^|[,;\t\r\n|\"])([ \u00a0]*)([=+\-@\uff1d\uff0b\uff0d\uff20])")


def safe_cell(value: str) -> str:
    """``value`` made inert for spreadsheets in every dialect (OWASP CSV injection guard)."""
    value = value.replace("\t", " ").replace("\r", " ")  # a cell never begins with either
    return _FORMULA.sub(lambda m: f"{m[1]}{m[2]}'{m[3]}", value)


def _rows(no: int, result: StepResult) -> list[list[str]]:
    step = result.step
    head = [str(no), step.key, step.kind.value, step.title]
    rows = []
    if isinstance(result.tally, Tally):
        rows += [[*head, "", "", "vote", c.value, c.label, "", ""]
                 for c, n, _ in result.tally.rows() for _ in range(n)]
    for question in result.questions:
        for answer in sorted(question.answers, key=lambda a: (a.text.casefold(), a.text)):
            rows.append([*head, str(question.number + 1), question.text, "answer", "", "",
                         answer.text, "true" if answer.highlighted else "false"])
    return rows


def summary_csv(summary: Summary) -> str:
    """The votes and answers of the summary as CSV text (UTF-8 with BOM, CRLF line ends)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for no, result in enumerate(summary.results, 1):
        if result.withheld:
            continue
        for row in _rows(no, result):
            writer.writerow([safe_cell(value) for value in row])
    return BOM + out.getvalue()

"""The anonymous raw votes and answers as CSV: one row each, no participant ids, no times.

Rows follow the programme's steps; within a step, votes are in option order and answers in
question order, then alphabetically, so the order says nothing about who answered when. Only
what the summary shows is here: no vote of a withheld group, no hidden answer.
Cells that a spreadsheet would read as a formula are prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io

from samspill_tui.session.reading import Tally
from samspill_tui.session.summary import StepResult, Summary

BOM = "\ufeff"  # lets spreadsheet programs recognise UTF-8
COLUMNS = ("step_no", "step_key", "step_kind", "step_title", "question_no", "question", "type",
           "value", "label", "text", "highlighted")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """``value`` made inert for spreadsheets (OWASP CSV injection guard)."""
    return f"'{value}" if value.startswith(_FORMULA_START) else value


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

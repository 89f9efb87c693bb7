"""The anonymous raw votes and answers as CSV: one row each, no participant ids, no times.

Rows follow the programme's steps; within a step, votes are in option order and answers in
question order, then alphabetically, so the order says nothing about who answered when.
Cells that a spreadsheet would read as a formula are prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io

from samspill_tui.export.summary import StepResult, Summary

BOM = "\ufeff"  # lets spreadsheet programs recognise UTF-8
COLUMNS = ("step_no", "step_key", "step_kind", "step_title", "question_no", "question", "type",
           "value", "label", "text", "highlighted")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """``value`` made inert for spreadsheets (OWASP CSV injection guard)."""
    return f"'{value}" if value.startswith(_FORMULA_START) else value


def _rows(no: int, result: StepResult, include_hidden: bool) -> list[list[str]]:
    step = result.step
    head = [str(no), step.key, step.kind, step.title]
    rows = []
    if result.distribution is not None:
        labels = dict(zip((v for v, _ in result.distribution.counts), result.labels, strict=True))
        rows += [[*head, "", "", "vote", value, labels[value], "", ""] for value in result.votes]
    answers = sorted(result.answers, key=lambda r: (r.question, r.text.casefold(), r.text))
    for row in answers:
        extra = ["true" if row.hidden else "false"] if include_hidden else []
        rows.append([*head, str(row.question + 1), step.questions[row.question], "answer", "", "",
                     row.text, "true" if row.highlighted else "false", *extra])
    return rows


def summary_csv(summary: Summary) -> str:
    """The votes and answers of the summary as CSV text (UTF-8 with BOM, CRLF line ends)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*COLUMNS, *(["hidden"] if summary.include_hidden else [])])
    for no, result in enumerate(summary.results, 1):
        if result.withheld:
            continue
        for row in _rows(no, result, summary.include_hidden):
            writer.writerow([safe_cell(value) for value in row])
    return BOM + out.getvalue()

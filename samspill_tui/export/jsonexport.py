"""The session summary as JSON, following the versioned schema in docs/export-json.md."""

from __future__ import annotations

import json
from typing import Any

from samspill_tui.export.summary import Summary

SCHEMA = "samspill.summary"
SCHEMA_VERSION = 1


def summary_json(summary: Summary) -> str:
    """The summary as a JSON document (UTF-8 text, pretty-printed)."""
    steps: list[dict[str, Any]] = []
    for result in summary.results:
        step = result.step
        item: dict[str, Any] = {"key": step.key, "kind": step.kind, "title": step.title}
        if step.statement is not None:
            item["statement"] = {"id": step.statement.id, "text": step.statement.text,
                                 "theme": step.statement.theme}
        if step.poll is not None:
            item["poll"] = {"question": step.poll.question, "answer": step.poll.answer}
        if result.distribution is not None:
            item["responses"] = result.distribution.total
            item["distribution"] = [
                {"value": value, "label": label, "count": count}
                for (value, count), label in zip(result.distribution.counts, result.labels,
                                                 strict=True)
            ]
        else:
            item["questions"] = [
                {"text": q, "answers": [text for n, text in result.answers if n == i]}
                for i, q in enumerate(step.questions)
            ]
        steps.append(item)
    doc = {
        "schema": SCHEMA,
        "version": SCHEMA_VERSION,
        "session": summary.session,
        "programme": {"id": summary.programme_id, "title": summary.programme_title},
        "lang": summary.lang,
        "created": summary.created,
        "exported": summary.exported,
        "participants": summary.participants,
        "steps": steps,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"

"""The summary as JSON, following the versioned schema in docs/export-json.md."""

from __future__ import annotations

import json
from typing import Any

from samspill_tui.export import referat
from samspill_tui.export.summary import AnswerRow, StepResult, Summary
from samspill_tui.session.record import Agreement
from samspill_tui.session.results import Distribution

SCHEMA = "samspill.summary"
SCHEMA_VERSION = 2


def _answers(rows: tuple[AnswerRow, ...], include_hidden: bool) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        item: dict[str, Any] = {"text": row.text, "highlighted": row.highlighted}
        if include_hidden:
            item["hidden"] = row.hidden
        out.append(item)
    return out


def _distribution(dist: Distribution, labels: tuple[str, ...]) -> list[dict[str, Any]]:
    return [{"value": value, "label": label, "count": count}
            for (value, count), label in zip(dist.counts, labels, strict=True)]


def _agreement(a: Agreement) -> dict[str, Any]:
    return {"step": a.step_key, "text": a.text, "owner": a.owner or None, "due": a.due or None,
            "status": a.status or None, "carried": referat.is_carried(a)}


def _step(result: StepResult, include_hidden: bool) -> dict[str, Any]:
    step = result.step
    item: dict[str, Any] = {"key": step.key, "kind": step.kind, "title": step.title}
    if result.part:
        item["referat_part"] = result.part
    if result.withheld:
        item["withheld"] = True
        return item
    if step.statement is not None:
        item["statement"] = {"id": step.statement.id, "text": step.statement.text,
                             "theme": step.statement.theme}
    if step.poll is not None:
        item["poll"] = {"question": step.poll.question, "answer": step.poll.answer}
    if result.distribution is not None:
        item["responses"] = result.distribution.total
        item["distribution"] = _distribution(result.distribution, result.labels)
        if result.by_role:
            item["by_role"] = [{"role": role, "responses": dist.total,
                                "distribution": _distribution(dist, result.labels)}
                               for role, dist in result.by_role]
    if step.accepts_answers:
        item["questions"] = [
            {"text": q, "answers": _answers(tuple(r for r in result.answers if r.question == n),
                                            include_hidden)}
            for n, q in enumerate(step.questions)
        ]
    if result.input:
        item["input"] = _answers(result.input, include_hidden)
    if result.ranking is not None:
        item["ranking"] = [{"step": row.step.key, "ordforer": row.first, "kommunedirektor": row.second,
                            "distance": row.distance} for row in result.ranking]
    item["note"] = result.note or None
    item["agreements"] = [_agreement(a) for a in result.agreements]
    return item


def summary_json(summary: Summary) -> str:
    """The summary as a JSON document (UTF-8 text, pretty-printed)."""
    attachment = summary.attachment
    doc = {
        "schema": SCHEMA,
        "version": SCHEMA_VERSION,
        "kind": "referat" if summary.referat else "summary",
        "draft": summary.referat,
        "session": summary.session,
        "programme": {"id": summary.programme_id, "title": summary.programme_title},
        "lang": summary.lang,
        "created": summary.created,
        "exported": summary.exported,
        "participants": summary.participants,
        "include_hidden": summary.include_hidden,
        "follows": summary.follows or None,
        "attachment": {"name": attachment[0], "text": attachment[1]} if attachment else None,
        "steps": [_step(r, summary.include_hidden) for r in summary.results],
        "follow_ups": [_agreement(a) for a in summary.follow_ups],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"

"""The summary as JSON, following the versioned schema in docs/export-json.md."""

from __future__ import annotations

import json
from typing import Any

from samspill_tui.session import referat
from samspill_tui.session.reading import Cloud, Held, RoleSplit, Standing, Tally
from samspill_tui.session.record import Agreement
from samspill_tui.session.steps import PollVote, RankingList, StatementVote
from samspill_tui.session.summary import QuestionResult, StepResult, Summary

SCHEMA = "samspill.summary"
SCHEMA_VERSION = 3


def _answers(question: QuestionResult) -> dict[str, Any]:
    return {"text": question.text,
            "answers": [{"text": a.text, "highlighted": a.highlighted} if a.upvotes is None else
                        {"text": a.text, "upvotes": a.upvotes, "status": "answered" if a.answered else "open"}
                        for a in question.answers],
            "hidden": question.hidden}


def _tally(tally: Tally) -> list[dict[str, Any]]:
    return [{"value": c.value, "label": c.label, "count": n} for c, n, _ in tally.rows()]


def _agreement(a: Agreement) -> dict[str, Any]:
    return {"step": a.step_key, "text": a.text, "owner": a.owner or None, "due": a.due or None,
            "status": a.status or None, "carried": referat.is_carried(a)}


def _meeting(summary: Summary) -> dict[str, Any] | None:
    m = summary.meeting
    if m.empty:
        return None
    return {"organ": m.organ or None, "kommune": m.kommune or None, "place": m.place or None,
            "date": m.date or None, "start": m.start or None, "end": m.end or None,
            "present": list(m.present), "present_by_role": [{"role": r, "count": n} for r, n in m.counts],
            "chair": m.chair or None, "secretary": m.secretary or None}


def _withheld(item: dict[str, Any], held: Held) -> None:
    item["withheld_result"] = {"reason": "named" if held.named else "under_k", "k": held.k}


def _places(standing: Standing) -> list[dict[str, Any]]:
    return [{"value": p.choice.value, "label": p.choice.label, "mean_rank": round(p.mean_rank, 3),
             **({"points": p.points} if p.points is not None else {})} for p in standing.places]


def _standing(item: dict[str, Any], standing: Standing | Held, split: RoleSplit[Standing] | None) -> None:
    if isinstance(standing, Held):
        _withheld(item, standing)
        return
    item["responses"] = standing.total
    item["agreement"] = None if standing.agreement is None else round(standing.agreement, 3)
    item["order"] = _places(standing)
    if split is not None and not split.no_roles:
        item["by_role"] = [{"role": role, "responses": group.total, "order": _places(group),
                            "agreement": None if group.agreement is None else round(group.agreement, 3)}
                           for role, group in split.groups]
        item["roles_withheld"] = list(split.withheld)


def _cloud(item: dict[str, Any], cloud: Cloud | Held) -> None:
    if isinstance(cloud, Held):
        _withheld(item, cloud)
        return
    item["responses"] = cloud.total
    item["words"] = [{"word": word, "count": count} for word, count in cloud.words]


def _votes(item: dict[str, Any], tally: Tally | Held, split: RoleSplit[Tally] | None) -> None:
    if isinstance(tally, Held):
        _withheld(item, tally)
        return
    item["responses"] = tally.total
    item["distribution"] = _tally(tally)
    if split is not None and not split.no_roles:
        item["by_role"] = [{"role": role, "responses": group.total, "distribution": _tally(group)}
                           for role, group in split.groups]
        item["roles_withheld"] = list(split.withheld)


def _step(result: StepResult) -> dict[str, Any]:
    step = result.step
    item: dict[str, Any] = {"key": step.key, "kind": step.kind.value, "title": step.title}
    if result.part:
        item["referat_part"] = result.part
    if result.withheld:
        item["withheld"] = True
        return item
    match step.body:
        case StatementVote(statement=s):
            item["statement"] = {"id": s.id, "text": s.text, "theme": s.theme}
        case PollVote(poll=poll):
            item["poll"] = {"question": poll.question, "answer": poll.answer}
        case RankingList(question=question, items=items, points=points):
            item["question"] = question
            item["options"] = [{"value": o.id, "label": o.text} for o in items]
            item["points"] = points
    if result.tally is not None:
        _votes(item, result.tally, result.split)
    if result.standing is not None:
        _standing(item, result.standing, result.ranks)
    if result.cloud is not None:
        item["question"] = step.prompt
        _cloud(item, result.cloud)
    if step.accepts_answers or step.accepts_questions:
        item["questions"] = [_answers(q) for q in result.questions]
    if result.input is not None:
        item["input"] = _answers(result.input)
    if result.gap is not None and result.gap.rows is not None:
        item["ranking"] = [{"step": row.step.key, "ordforer": row.first.value,
                            "kommunedirektor": row.second.value, "distance": row.distance,
                            **({"last_distance": row.trend.before, "change": row.trend.change.split(".")[1]}
                               if row.trend else {})}
                           for row in result.gap.rows]
    item["note"] = result.note or None
    item["agreements"] = [_agreement(a) for a in result.agreements]
    return item


def summary_json(summary: Summary) -> str:
    """The summary as a JSON document (UTF-8 text, pretty-printed)."""
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
        "k": summary.k,
        "meeting": _meeting(summary),
        "follows": summary.follows or None,
        "attachment": {"name": summary.attachment, "in_referat": False} if summary.attachment else None,
        "steps": [_step(r) for r in summary.results],
        "follow_ups": [_agreement(a) for a in summary.follow_ups],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"

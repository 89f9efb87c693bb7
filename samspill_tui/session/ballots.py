"""What a phone's form gives on a voting step, as the one value stored for it, and that value read back.

- A poll or statement: the option's value, one of :func:`~samspill_tui.session.steps.options`.
- Words: fields ``w1``..``w3``, each cleaned like an answer (NFC, no control or bidi characters),
  its whitespace collapsed, lower-cased, punctuation at either end stripped, at most
  :data:`MAX_WORD_CHARS` long; a stop word of the session's language form is dropped, a repeated
  word kept once. Stored one word per line.
- A ranking in order: field ``r.<id>`` is the place (1..n) of each alternative, every place used
  once; stored as the ids in that order, ``a,b,c``.
- A ranking of points: field ``p.<id>`` is the points (0..) given to each alternative (empty is 0),
  adding up to the step's points; stored as ``a:5,b:0,c:3`` in the alternatives' order.

A stored value that does not read back (a damaged file) counts as no ballot.
"""

from __future__ import annotations

from collections.abc import Mapping

from samspill_tui.session.steps import RankingList, Step, WordsPrompt, options
from samspill_tui.text import clean_text

MAX_WORDS = 3
MAX_WORD_CHARS = 30
_ENDS = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~«»‘’‚“”„–—…·•¡¿"
# Small words that say nothing on their own, in each language form (a word typed alone).
STOP_WORDS = {
    "nb": frozenset((
        "og", "i", "er", "det", "en", "et", "ei", "at", "på", "til", "som", "for", "med", "av",
        "den", "de", "vi", "du", "jeg", "ikke", "så", "om", "men", "har", "var", "vil", "kan",
        "skal", "blir", "seg", "oss", "hos", "fra", "eller", "meg", "han", "hun",
    )),
    "nn": frozenset((
        "og", "i", "er", "det", "ein", "eit", "ei", "at", "på", "til", "som", "for", "med", "av",
        "den", "dei", "vi", "me", "du", "eg", "ikkje", "så", "om", "men", "har", "var", "vil",
        "kan", "skal", "blir", "seg", "oss", "hos", "frå", "eller", "meg", "han", "ho",
    )),
}


class BadBallot(ValueError):
    """A form that gives no valid ballot; ``code`` names the reason (``err.<code>``)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def ballot(step: Step, fields: Mapping[str, str], lang: str) -> str:
    """The value to store for the form ``fields`` a phone sent on ``step``."""
    match step.body:
        case WordsPrompt():
            return _words(fields, lang)
        case RankingList() as ranking:
            return _ranking(ranking, fields)
    value = fields.get("value", "")
    if value not in {c.value for c in options(step, lang)}:
        raise BadBallot("bad-value")
    return value


def normal_word(raw: str, lang: str) -> str:
    """One word as it is counted: cleaned, collapsed, lower-case, no end punctuation ("" for a stop word)."""
    word = " ".join(clean_text(raw).split()).lower().strip(_ENDS + " ")
    return "" if word in STOP_WORDS.get(lang, frozenset()) else word


def _words(fields: Mapping[str, str], lang: str) -> str:
    raw = [fields.get(f"w{n}", "") for n in range(1, MAX_WORDS + 1)]
    if any(len(r) > 4 * MAX_WORD_CHARS for r in raw):  # refused unread
        raise BadBallot("word-long")
    words: list[str] = []
    for word in (normal_word(r, lang) for r in raw):
        if len(word) > MAX_WORD_CHARS:
            raise BadBallot("word-long")
        if word and word not in words:
            words.append(word)
    if not words:
        raise BadBallot("no-words")
    return "\n".join(words)


def words_of(value: str) -> list[str]:
    """The words of a stored words ballot."""
    return [w for w in value.split("\n") if w and len(w) <= MAX_WORD_CHARS][:MAX_WORDS]


def _number(text: str, empty: int | None) -> int | None:
    text = text.strip()
    if not text:
        return empty
    return int(text) if text.isdecimal() and len(text) <= 3 else None


def _ranking(ranking: RankingList, fields: Mapping[str, str]) -> str:
    ids = [o.id for o in ranking.items]
    if ranking.points is None:
        places = [_number(fields.get(f"r.{i}", ""), None) for i in ids]
        if sorted(p or 0 for p in places) != list(range(1, len(ids) + 1)):
            raise BadBallot("bad-ranking")
        return ",".join(i for _, i in sorted(zip(places, ids, strict=True)))
    points = [_number(fields.get(f"p.{i}", ""), 0) for i in ids]
    if any(p is None for p in points) or sum(p or 0 for p in points) != ranking.points:
        raise BadBallot("bad-points")
    return ",".join(f"{i}:{p}" for i, p in zip(ids, points, strict=True))


def given(ranking: RankingList, value: str) -> dict[str, int] | None:
    """A stored ranking ballot read back: each alternative's place (1..n), or its points."""
    ids = [o.id for o in ranking.items]
    if ranking.points is None:
        order = value.split(",")
        return {i: order.index(i) + 1 for i in ids} if sorted(order) == sorted(ids) else None
    pairs = [part.partition(":") for part in value.split(",")]
    points = {i: int(n) for i, _, n in pairs if n.isdecimal() and len(n) <= 3}
    if sorted(points) != sorted(ids) or len(pairs) != len(ids) or sum(points.values()) != ranking.points:
        return None
    return points

"""Parse one content file (front matter + Markdown structure) into a typed object.

Every problem is collected as a :class:`Problem` with the file and line; the
parser never raises on bad input.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from samspill_tui.content.model import (
    CLOSES,
    DIRECT,
    MAX_RANKING_OPTIONS,
    NOT_IN_REFERAT,
    RANKING_POINTS,
    REFERAT_PARTS,
    STEP_KINDS,
    Case,
    Deck,
    Poll,
    PollOption,
    Problem,
    Programme,
    ReflectionSet,
    Roles,
    Statement,
    StepSpec,
)

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
KEYED_RE = re.compile(r"^(?P<key>[a-z0-9][a-z0-9-]{0,63}):\s*(?P<text>.*)$")
STEP_RE = re.compile(r"^(?P<words>[^()]*?)\s*(?:\((?P<minutes>[^)]*)\))?\s*$")
MINUTES_RE = re.compile(r"^(?P<n>\d{1,4})\s*min$")
INPUT_RE = re.compile(r"^(?P<ref>[a-z0-9][a-z0-9-]{0,63})\s+(?P<item>[1-9]\d{0,2})$")
MAX_MINUTES = 480

Parsed = Case | ReflectionSet | Deck | Programme

_md = MarkdownIt("commonmark").use(front_matter_plugin)


@dataclass
class _Section:
    """A heading and the tokens and source lines up to the next heading of its level or above."""

    level: int
    title: str
    line: int  # 1-based line of the heading
    tokens: list[Token]
    start: int  # 0-based first source line of the body
    end: int  # 0-based end (exclusive) of the body


class _FileParser:
    """Parses one file; collects problems instead of raising."""

    def __init__(self, text: str, path: Path) -> None:
        self.path = path
        self.lines = text.splitlines()
        self.problems: list[Problem] = []
        self.tokens = _md.parse(text)
        self.meta: dict[str, tuple[str, int]] = {}
        self.body_start = 0  # 0-based first line after the front matter
        self._read_front_matter()

    def problem(self, line: int, key: str, /, **values: object) -> None:
        """Record problem ``key`` (an i18n key) at ``line``, with the values its text names."""
        self.problems.append(Problem(self.path, line, key, values))

    # -- front matter ---------------------------------------------------------------

    def _read_front_matter(self) -> None:
        if not self.tokens or self.tokens[0].type != "front_matter":
            self.problem(1, "problem.front_matter_missing")
            return
        token = self.tokens.pop(0)
        self.body_start = (token.map or [0, 0])[1]
        first = (token.map or [0, 0])[0] + 2  # 1-based line after the opening '---'
        for offset, raw in enumerate(token.content.splitlines()):
            line = first + offset
            if not raw.strip():
                continue
            key, sep, value = raw.partition(":")
            key = key.strip()
            if not sep or not re.fullmatch(r"[a-z]+", key):
                self.problem(line, "problem.front_matter_line", text=raw.strip())
            elif key in self.meta:
                self.problem(line, "problem.front_matter_twice", name=key)
            else:
                self.meta[key] = (value.strip(), line)

    def header(self, allowed: tuple[str, ...]) -> tuple[str, str]:
        """Check the front matter keys; return the id and title."""
        for key, (_, line) in self.meta.items():
            if key not in allowed:
                self.problem(line, "problem.front_matter_unknown", name=key, allowed=", ".join(allowed))
        ident, line = self.meta.get("id", ("", 1))
        if "id" not in self.meta:
            self.problem(1, "problem.no_id")
        elif not ID_RE.match(ident):
            self.problem(line, "problem.bad_id", id=ident)
        elif ident != self.path.stem:
            self.problem(line, "problem.id_not_file_name", id=ident, name=self.path.name)
        title, line = self.meta.get("title", ("", 1))
        if not title:
            self.problem(line, "problem.no_title")
        return ident, title

    # -- structure ------------------------------------------------------------------

    def sections(self, level: int) -> tuple[str, list[_Section]]:
        """Split the body at headings of ``level``; return the intro and the sections."""
        tag = f"h{level}"
        heads = [
            i
            for i, t in enumerate(self.tokens)
            if t.type == "heading_open" and t.level == 0 and t.tag == tag
        ]
        bounds = [*heads, len(self.tokens)]
        intro_end = self._token_line(heads[0]) if heads else len(self.lines)
        intro = self.source(self.body_start, intro_end)
        result = []
        for i, head in enumerate(heads):
            inline = self.tokens[head + 1]
            start = self._token_line(head) + 1
            end = self._token_line(bounds[i + 1]) if i + 1 < len(heads) else len(self.lines)
            result.append(
                _Section(level, inline.content.strip(), start, self.tokens[head + 3 : bounds[i + 1]],
                         start, end)
            )
        for token in self.tokens:
            if token.type == "heading_open" and token.level == 0 and token.tag == "h1":
                self.problem(self._line(token), "problem.heading_1")
        return intro, result

    def _token_line(self, index: int) -> int:
        token = self.tokens[index]
        return token.map[0] if token.map else len(self.lines)

    def _line(self, token: Token) -> int:
        return token.map[0] + 1 if token.map else 1

    def source(self, start: int, end: int) -> str:
        """The source text of lines ``start``..``end`` (0-based, exclusive), trimmed."""
        return "\n".join(self.lines[start:end]).strip()

    def list_items(self, tokens: list[Token]) -> list[tuple[str, int]]:
        """Top-level list items of a section body as (text, 1-based line)."""
        items: list[tuple[str, int]] = []
        depth = 0
        current: list[str] | None = None
        line = 0
        for token in tokens:
            if token.type in ("bullet_list_open", "ordered_list_open"):
                depth += 1
            elif token.type in ("bullet_list_close", "ordered_list_close"):
                depth -= 1
            elif token.type == "list_item_open" and depth == 1:
                current, line = [], self._line(token)
            elif token.type == "list_item_close" and depth == 1 and current is not None:
                items.append((" ".join(current).strip(), line))
                current = None
            elif token.type == "inline" and current is not None and depth == 1:
                current.append(" ".join(token.content.split()))
        return items

    def blocks_outside_lists(self, tokens: list[Token]) -> list[tuple[str, int]]:
        """Top-level paragraphs and other blocks that are not lists, as (text, line)."""
        found = []
        for token in tokens:
            if token.level == 0 and token.type.endswith("_open") and token.type not in (
                "bullet_list_open",
                "ordered_list_open",
            ):
                found.append((self.source(token.map[0], token.map[1]) if token.map else "",
                              self._line(token)))
            elif token.level == 0 and token.type in ("fence", "code_block", "html_block", "hr"):
                found.append((token.content, self._line(token)))
        return found

    def questions(self, section: _Section, what: str = "questions") -> tuple[str, ...]:
        """A section that must be a bullet list of non-empty questions (``what``: ``questions``
        or ``dialogue``, the kind of question the problems name)."""
        heading = f"{'#' * section.level} {section.title}"
        for _, line in self.blocks_outside_lists(section.tokens):
            self.problem(line, f"problem.{what}_only_list", heading=heading)
        items = self.list_items(section.tokens)
        if not items:
            self.problem(section.line, f"problem.{what}_none", heading=heading)
        for text, line in items:
            if not text:
                self.problem(line, f"problem.{what}_empty")
        return tuple(text for text, _ in items if text)


def _section_kind(title: str, names: dict[str, tuple[str, ...]]) -> tuple[str | None, str]:
    """Match a heading against known section names; return (kind, text after a colon)."""
    lowered = title.lower()
    for kind, prefixes in names.items():
        for prefix in prefixes:
            if lowered == prefix or lowered.startswith(prefix + ":"):
                return kind, title[len(prefix) + 1 :].strip() if ":" in title else ""
    return None, ""


CASE_SECTIONS: dict[str, tuple[str, ...]] = {
    "situation": ("situasjon",),
    "viewpoint": ("synspunkt",),
    "questions": ("refleksjonsspørsmål",),
    "poll": ("avstemning", "avrøysting"),
    "notes": ("fasilitatornotat",),
}
REFLECTION_SECTIONS: dict[str, tuple[str, ...]] = {
    "questions": ("spørsmål",),
    "options": ("alternativer", "alternativ"),
    "notes": ("fasilitatornotat",),
}
PROGRAMME_SECTIONS: dict[str, tuple[str, ...]] = {"steps": ("steg",)}


def _known_sections(
    p: _FileParser, sections: list[_Section], names: dict[str, tuple[str, ...]]
) -> list[tuple[str, str, _Section]]:
    known = []
    expected = ", ".join(f"«## {v[0].capitalize()}»" for v in names.values())
    for s in sections:
        kind, rest = _section_kind(s.title, names)
        if kind is None:
            p.problem(s.line, "problem.section_unknown", heading=s.title, expected=expected)
        else:
            known.append((kind, rest, s))
    return known


def _single(p: _FileParser, found: list[tuple[str, str, _Section]], kind: str,
            heading: str, required: bool) -> _Section | None:
    matching = [s for k, _, s in found if k == kind]
    for extra in matching[1:]:
        p.problem(extra.line, "problem.section_twice", heading=heading)
    if not matching and required:
        p.problem(1, "problem.section_missing", heading=heading)
    return matching[0] if matching else None


def _keyed_options(p: _FileParser, section: _Section) -> list[PollOption]:
    """A section's list of «id: text» options (a poll's answers, a ranking's alternatives)."""
    options: list[PollOption] = []
    for text, line in p.list_items(section.tokens):
        m = KEYED_RE.match(text)
        if not m or not m["text"].strip():
            p.problem(line, "problem.poll_option", text=text)
        elif any(o.id == m["key"] for o in options):
            p.problem(line, "problem.poll_option_twice", id=m["key"])
        else:
            options.append(PollOption(m["key"], m["text"].strip()))
    if len(options) < 2:
        p.problem(section.line, "problem.poll_few_options")
    return options


def _parse_poll(p: _FileParser, question: str, section: _Section) -> Poll | None:
    if not question:
        p.problem(section.line, "problem.poll_no_question")
    options = _keyed_options(p, section)
    answer, answer_line, explanation = "", 0, ""
    for text, line in p.blocks_outside_lists(section.tokens):
        if answer_line == 0 and text.lower().startswith("fasit:"):
            answer, answer_line = text.split(":", 1)[1].strip().split("\n")[0].strip(), line
            explanation = p.source(line, section.end)
            break
    if not answer_line:
        p.problem(section.line, "problem.poll_no_answer")
        return None
    if not any(o.id == answer for o in options):
        known = ", ".join(o.id for o in options) or "–"
        p.problem(answer_line, "problem.poll_answer_unknown", answer=answer, options=known)
        return None
    return Poll(question, tuple(options), answer, explanation)


def _parse_case(p: _FileParser) -> Case:
    ident, title = p.header(("id", "title"))
    intro, sections = p.sections(2)
    found = _known_sections(p, sections, CASE_SECTIONS)
    situation = _single(p, found, "situation", "Situasjon", True)
    questions = _single(p, found, "questions", "Refleksjonsspørsmål", True)
    poll_section = _single(p, found, "poll", "Avstemning: …", False)
    notes = _single(p, found, "notes", "Fasilitatornotat", False)
    situation_text = p.source(situation.start, situation.end) if situation else ""
    if situation and not situation_text:
        p.problem(situation.line, "problem.situation_empty")
    poll = None
    if poll_section:
        rest = next(r for k, r, s in found if s is poll_section)
        poll = _parse_poll(p, rest, poll_section)
    viewpoints = []
    for kind, who, s in found:
        if kind == "viewpoint":
            if not who:
                p.problem(s.line, "problem.viewpoint_whose")
            viewpoints.append((who, p.source(s.start, s.end)))
    return Case(
        id=ident,
        title=title,
        situation="\n\n".join(x for x in (intro, situation_text) if x),
        viewpoints=tuple(viewpoints),
        questions=p.questions(questions) if questions else (),
        poll=poll,
        notes=p.source(notes.start, notes.end) if notes else "",
        path=p.path,
    )


def _referat_links(p: _FileParser) -> tuple[str, tuple[str, int] | None]:
    """The ``referat`` part and the ``input`` link (set id, 1-based question) of a reflection set."""
    referat, line = p.meta.get("referat", ("", 1))
    if "referat" in p.meta and referat not in (*REFERAT_PARTS, NOT_IN_REFERAT):
        p.problem(line, "problem.referat_value", parts=", ".join(REFERAT_PARTS), no=NOT_IN_REFERAT,
                  value=referat)
    raw, line = p.meta.get("input", ("", 1))
    if "input" not in p.meta:
        return referat, None
    m = INPUT_RE.match(raw)
    if not m:
        p.problem(line, "problem.input_value", value=raw)
        return referat, None
    return referat, (m["ref"], int(m["item"]))


def _parse_reflection(p: _FileParser) -> ReflectionSet:
    ident, title = p.header(("id", "title", "referat", "input"))
    intro, sections = p.sections(2)
    found = _known_sections(p, sections, REFLECTION_SECTIONS)
    questions = _single(p, found, "questions", "Spørsmål", True)
    notes = _single(p, found, "notes", "Fasilitatornotat", False)
    choices = _single(p, found, "options", "Alternativer", False)
    options = _keyed_options(p, choices) if choices else []
    if choices and len(options) > MAX_RANKING_OPTIONS:
        p.problem(choices.line, "problem.options_many", most=MAX_RANKING_OPTIONS)
    referat, link = _referat_links(p)
    return ReflectionSet(
        id=ident,
        title=title,
        intro=intro,
        questions=p.questions(questions) if questions else (),
        notes=p.source(notes.start, notes.end) if notes else "",
        path=p.path,
        referat=referat,
        input=link,
        options=tuple(options),
    )


def _parse_deck(p: _FileParser) -> Deck:
    ident, title = p.header(("id", "title"))
    intro, themes = p.sections(2)
    statements: list[Statement] = []
    for theme in themes:
        subs = _subsections(p, theme)
        if not subs:
            p.problem(theme.line, "problem.theme_empty", theme=theme.title)
        for sub in subs:
            m = KEYED_RE.match(sub.title)
            if not m or not m["text"].strip():
                p.problem(sub.line, "problem.statement_heading", heading=sub.title)
                continue
            if any(s.id == m["key"] for s in statements):
                p.problem(sub.line, "problem.statement_twice", id=m["key"])
                continue
            questions = p.questions(sub, "dialogue")
            statements.append(Statement(m["key"], m["text"].strip(), theme.title, questions))
    if not statements:
        p.problem(1, "problem.deck_empty")
    return Deck(ident, title, intro, tuple(statements), p.path)


def _subsections(p: _FileParser, parent: _Section) -> list[_Section]:
    heads = [i for i, t in enumerate(parent.tokens) if t.type == "heading_open" and t.tag == "h3"]
    subs = []
    for n, head in enumerate(heads):
        token = parent.tokens[head]
        stop = heads[n + 1] if n + 1 < len(heads) else len(parent.tokens)
        start = token.map[0] + 1 if token.map else parent.start
        next_map = parent.tokens[stop].map if stop < len(parent.tokens) else None
        end = next_map[0] if next_map else parent.end
        subs.append(_Section(3, parent.tokens[head + 1].content.strip(), start,
                             parent.tokens[head + 3 : stop], start, end))
    return subs


def _parse_steps(p: _FileParser, section: _Section) -> tuple[StepSpec, ...]:
    steps = []
    for _, line in p.blocks_outside_lists(section.tokens):
        p.problem(line, "problem.steps_only_list")
    items = p.list_items(section.tokens)
    if not items:
        p.problem(section.line, "problem.steps_none")
    for text, line in items:
        m = STEP_RE.match(text)
        words = m["words"].split() if m else []
        if not words:
            p.problem(line, "problem.step_empty", text=text)
            continue
        kind, args = words[0], words[1:]
        if kind not in STEP_KINDS:
            p.problem(line, "problem.step_kind", kind=kind, kinds=", ".join(STEP_KINDS))
            continue
        bracket = _bracket(p, line, kind, m["minutes"] if m else None)
        if bracket is None:
            continue
        minutes, closes, direct = bracket
        if kind == "summary":
            if args:
                p.problem(line, "problem.step_summary_id")
            steps.append(StepSpec(kind, None, (), minutes, line))
        elif not args:
            p.problem(line, "problem.step_no_id", kind=kind)
        elif kind == "ranking" and len(args) > 1 and not _points(args[1:]):
            low, high = RANKING_POINTS
            p.problem(line, "problem.ranking_points", value=" ".join(args[1:]), low=low, high=high)
        elif kind not in ("statements", "rating", "ranking") and len(args) > 1:
            p.problem(line, "problem.step_ids", kind=kind, ids=" ".join(args))
        else:
            steps.append(StepSpec(kind, args[0], tuple(args[1:]), minutes, line, closes, direct))
    return tuple(steps)


def _points(args: list[str]) -> bool:
    """Whether a ranking line's words after its id are one number of points it may spread."""
    low, high = RANKING_POINTS
    return len(args) == 1 and args[0].isdecimal() and low <= int(args[0]) <= high


# The kinds of line whose step phones vote or write on: only their timer can lock the step.
LOCKABLE = ("reflection", "poll", "statements", "rating", "ranking", "words", "questions")


def _bracket(p: _FileParser, line: int, kind: str,
             raw: str | None) -> tuple[int | None, str, bool] | None:
    """A line's bracket, ``(N min, lås og vis, direkte)``: the minutes, what the timer does at zero,
    and whether questions skip approval; ``None`` (the problem recorded) if any part is wrong."""
    minutes, closes, direct = None, "", False
    parts = [" ".join(x.split()) for x in raw.split(",")] if raw is not None else []
    for n, part in enumerate(parts):
        option = part.lower()
        if option in CLOSES and kind in LOCKABLE and not closes:
            closes = CLOSES[option]
        elif option == DIRECT and kind == "questions" and not direct:
            direct = True
        elif option in (*CLOSES, DIRECT):
            p.problem(line, "problem.step_option", option=part, kind=kind)
            return None
        elif n == 0:  # the minutes come first
            mm = MINUTES_RE.match(part)
            if not mm or not 1 <= int(mm["n"]) <= MAX_MINUTES:
                p.problem(line, "problem.step_minutes", value=part, most=MAX_MINUTES)
                return None
            minutes = int(mm["n"])
        else:
            p.problem(line, "problem.step_bracket", value=raw, most=MAX_MINUTES)
            return None
    return minutes, closes, direct


def _parse_programme(p: _FileParser) -> Programme:
    ident, title = p.header(("id", "title", "roles"))
    intro, sections = p.sections(2)
    found = _known_sections(p, sections, PROGRAMME_SECTIONS)
    steps_section = _single(p, found, "steps", "Steg", True)
    roles_value, roles_line = p.meta.get("roles", ("nei", 1))
    if roles_value not in tuple(Roles):
        p.problem(roles_line, "problem.roles_value", value=roles_value)
        roles_value = Roles.NONE
    return Programme(
        id=ident,
        title=title,
        description=intro,
        roles=Roles(roles_value),
        steps=_parse_steps(p, steps_section) if steps_section else (),
        path=p.path,
    )


PARSERS: dict[str, Callable[[_FileParser], Parsed]] = {
    "cases": _parse_case,
    "reflection": _parse_reflection,
    "statements": _parse_deck,
    "programmes": _parse_programme,
}


def parse_text(text: str, path: Path, folder: str) -> tuple[Parsed | None, list[Problem]]:
    """Parse the text of a file of the kind named by ``folder``; never raises on bad text."""
    p = _FileParser(text, path)
    parsed = PARSERS[folder](p)
    return (parsed if not p.problems else None), p.problems

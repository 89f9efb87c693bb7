"""Load every content file of both language forms and check them against each other."""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from samspill_tui.content.model import (
    ContentError,
    Deck,
    LanguageContent,
    Problem,
    Programme,
    Roles,
)
from samspill_tui.text import unsafe_characters

LANGUAGES = ("nb", "nn")
MAX_FILE_BYTES = 1_000_000
CACHE_FORMAT = 4  # bump when the cached objects change shape


@dataclass(frozen=True)
class MissingTwin:
    """An item written in one language form only (at ``path``:``line``): it runs in that form, and a
    programme that needs it cannot run in the ``missing`` one."""

    path: Path
    line: int
    ident: str
    missing: str  # the language form it has no version in


@dataclass
class Library:
    """The content of both language forms, every problem found while loading it, and the items
    missing in one form (a warning: only sessions in that form that need them are refused)."""

    root: Path
    languages: dict[str, LanguageContent] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    twins: list[MissingTwin] = field(default_factory=list)
    # Language form -> programme id -> the id it needs that this form lacks.
    blocked: dict[str, dict[str, str]] = field(default_factory=dict)

    def require_valid(self) -> None:
        """Raise :class:`ContentError` listing every problem, if there are any."""
        if self.problems:
            raise ContentError(self.problems)

    def lang(self, lang: str) -> LanguageContent:
        """The content of one language form."""
        return self.languages[lang]

    def runnable(self, lang: str) -> dict[str, Programme]:
        """The programmes a session in ``lang`` can run: those with every item they need in it."""
        blocked = self.blocked.get(lang, {})
        return {pid: p for pid, p in self.lang(lang).programmes.items() if pid not in blocked}

    def counts(self) -> dict[str, dict[str, int]]:
        """Number of items per kind and language form."""
        return {
            lang: {
                "cases": len(c.cases),
                "reflection": len(c.reflections),
                "statements": len(c.decks),
                "programmes": len(c.programmes),
            }
            for lang, c in self.languages.items()
        }


def _id_line(path: Path) -> int:
    """The line of the ``id:`` key in a file's front matter (1 if it cannot be found)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    return next((n for n, line in enumerate(lines, 1) if line.startswith("id:")), 1)


def _at_id(path: Path, key: str, /, **values: object) -> Problem:
    """Problem ``key`` (an i18n key, with its ``values``) reported at the ``id:`` line of ``path``."""
    return Problem(path, _id_line(path), key, values)


def _read(path: Path, problems: list[Problem]) -> str | None:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            problems.append(Problem(path, 1, "problem.file_large", {"most": MAX_FILE_BYTES}))
            return None
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(path, 1, "problem.file_utf8", {"byte": exc.start + 1}))
    except OSError as exc:
        problems.append(Problem(path, 1, "problem.file_read", {"reason": exc.strerror or exc}))
    else:
        unsafe = unsafe_characters(text)
        problems += [Problem(path, line, "problem.control_char", {"code": f"U+{ord(ch):04X}"})
                     for line, ch in unsafe]
        return None if unsafe else text
    return None


def _load_language(root: Path, lang: str, problems: list[Problem]) -> LanguageContent:
    from samspill_tui.content.parse import PARSERS, parse_text  # deferred: cached content needs none

    content = LanguageContent()
    stores: dict[str, dict[str, object]] = {
        "cases": content.cases,  # type: ignore[dict-item]
        "reflection": content.reflections,  # type: ignore[dict-item]
        "statements": content.decks,  # type: ignore[dict-item]
        "programmes": content.programmes,  # type: ignore[dict-item]
    }
    seen: dict[str, Path] = {}
    for folder in PARSERS:
        for path in sorted((root / lang / folder).glob("*.md")):
            text = _read(path, problems)
            if text is None:
                continue
            parsed, found = parse_text(text, path, folder)
            problems.extend(found)
            if parsed is None:
                continue
            if parsed.id in seen:
                problems.append(_at_id(path, "problem.id_twice", id=parsed.id, other=seen[parsed.id]))
                continue
            seen[parsed.id] = path
            stores[folder][parsed.id] = parsed
    return content


def _elsewhere(ref: str, other: LanguageContent | None) -> bool:
    """Whether ``ref`` names an item of the other language form."""
    return other is not None and any(ref in items for items in (
        other.cases, other.reflections, other.decks))


def _check_programme(programme: Programme, content: LanguageContent, problems: list[Problem],
                     other: LanguageContent | None = None) -> str | None:
    """Add the programme's problems; return the id of an item it needs that only the other
    language form has (the programme then cannot run in this form)."""
    for step in programme.steps:
        if step.ref is None:
            continue
        ref, where = step.ref, (programme.path, step.line)
        if ref not in content.cases and ref not in content.reflections and ref not in content.decks \
                and _elsewhere(ref, other):
            return ref
        if step.kind == "case" and ref not in content.cases:
            problems.append(Problem(*where, "problem.case_unknown", {"id": ref}))
        elif step.kind == "reflection" and ref not in content.reflections and ref not in content.cases:
            problems.append(Problem(*where, "problem.reflection_unknown", {"id": ref}))
        elif step.kind == "questions" and ref not in content.cases and ref not in content.reflections:
            problems.append(Problem(*where, "problem.questions_unknown", {"id": ref}))
        elif step.kind == "reflection" and (link := _input_of(content, ref)) and not any(
                s.kind == "reflection" and s.ref == link for s in programme.steps):
            problems.append(Problem(*where, "problem.input_step", {"id": ref, "input": link}))
        elif step.kind in ("words", "ranking"):
            asked = content.reflections.get(ref)
            if asked is None:
                problems.append(Problem(*where, "problem.reflection_unknown", {"id": ref}))
            elif len(asked.questions) != 1:
                problems.append(Problem(*where, "problem.one_question", {"kind": step.kind, "id": ref}))
            elif step.kind == "ranking" and not asked.options:
                problems.append(Problem(*where, "problem.ranking_no_options", {"id": ref}))
        elif step.kind == "poll":
            case = content.cases.get(ref)
            if case is None:
                problems.append(Problem(*where, "problem.case_unknown", {"id": ref}))
            elif case.poll is None:
                problems.append(Problem(*where, "problem.case_no_poll", {"id": ref}))
        elif step.kind == "gap" and programme.roles != Roles.ALL:
            problems.append(Problem(*where, "problem.gap_roles"))
        elif step.kind in ("statements", "rating", "gap"):
            deck = content.decks.get(ref)
            if deck is None:
                problems.append(Problem(*where, "problem.deck_unknown", {"id": ref}))
                continue
            for sid in step.extra:
                if deck.statement(sid) is None:
                    problems.append(Problem(*where, "problem.deck_no_statement",
                                            {"deck": ref, "id": sid}))
    return None


def _input_of(content: LanguageContent, ref: str) -> str | None:
    """The id of the reflection set whose answers agenda item ``ref`` shows, if any."""
    item = content.reflections.get(ref)
    return item.input[0] if item and item.input else None


def _key_line(path: Path, key: str) -> int:
    """The line of front matter key ``key`` in ``path`` (1 if it cannot be found)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    return next((n for n, line in enumerate(lines, 1) if line.startswith(f"{key}:")), 1)


def _check_links(content: LanguageContent, problems: list[Problem]) -> None:
    """Each agenda item's ``input`` names one question of a plain reflection set, used once."""
    used: dict[tuple[str, int], str] = {}
    for item in content.reflections.values():
        if item.input is None:
            continue
        ref, n = item.input
        source = content.reflections.get(ref)
        where = (item.path, _key_line(item.path, "input"))
        if source is None or ref == item.id:
            problems.append(Problem(*where, "problem.input_unknown", {"id": ref}))
        elif source.input is not None:
            problems.append(Problem(*where, "problem.input_agenda", {"id": ref}))
        elif n > len(source.questions):
            problems.append(Problem(*where, "problem.input_number",
                                    {"id": ref, "count": len(source.questions), "n": n}))
        elif item.input in used:
            problems.append(Problem(*where, "problem.input_used",
                                    {"id": ref, "n": n, "other": used[item.input]}))
        else:
            used[item.input] = item.id


def _check_pairs(library: Library) -> None:
    """Both language forms must hold the same ids (and the same statement and option ids)."""
    nb, nn = library.languages["nb"], library.languages["nn"]
    for attr in ("cases", "reflections", "decks", "programmes"):
        a: dict[str, object] = getattr(nb, attr)
        b: dict[str, object] = getattr(nn, attr)
        for items, others, missing in ((a, b, "nn"), (b, a, "nb")):
            for ident, item in items.items():
                if ident not in others:
                    path = item.path  # type: ignore[attr-defined]
                    library.twins.append(MissingTwin(path, _id_line(path), ident, missing))
    for ident, deck in nb.decks.items():
        other: Deck | None = nn.decks.get(ident)
        if other and [s.id for s in deck.statements] != [s.id for s in other.statements]:
            library.problems.append(
                _at_id(other.path, "problem.twin_statements", id=ident)
            )
    for ident, item in nb.reflections.items():
        twin_set = nn.reflections.get(ident)
        if twin_set and (item.referat, item.input) != (twin_set.referat, twin_set.input):
            library.problems.append(
                _at_id(twin_set.path, "problem.twin_links", id=ident)
            )
        if twin_set and [o.id for o in item.options] != [o.id for o in twin_set.options]:
            library.problems.append(_at_id(twin_set.path, "problem.twin_options", id=ident))
    for ident, case in nb.cases.items():
        twin = nn.cases.get(ident)
        same = (
            twin is None
            or not (case.poll and twin.poll)
            or (
                [o.id for o in case.poll.options] == [o.id for o in twin.poll.options]
                and case.poll.answer == twin.poll.answer
            )
        )
        if not same and twin is not None:
            library.problems.append(
                _at_id(twin.path, "problem.twin_poll", id=ident)
            )


def load_library(root: Path) -> Library:
    """Load and validate all content under ``root`` (which holds ``nb/`` and ``nn/``)."""
    library = Library(root)
    if not root.is_dir():
        library.problems.append(Problem(root, 0, "problem.no_content_folder"))
        return library
    for lang in LANGUAGES:
        if not (root / lang).is_dir():
            library.problems.append(Problem(root / lang, 0, "problem.no_lang_folder"))
        library.languages[lang] = _load_language(root, lang, library.problems)
    for lang, content in library.languages.items():
        other = next((c for other, c in library.languages.items() if other != lang), None)
        _check_links(content, library.problems)
        for programme in content.programmes.values():
            if needs := _check_programme(programme, content, library.problems, other):
                library.blocked.setdefault(lang, {})[programme.id] = needs
    _check_pairs(library)
    return library


def cache_dir() -> Path:
    """Where validated content is cached: $SAMSPILL_CACHE_DIR, else $XDG_CACHE_HOME/samspill or ~/.cache."""
    if found := os.environ.get("SAMSPILL_CACHE_DIR"):
        return Path(found)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "samspill"


def _cache_key(root: Path) -> tuple[Path, str]:
    """The cache file of ``root`` and the key its entry must carry: every content file's path,
    size and modification time, the content code's own files, and the cache format."""
    resolved = root.resolve()
    digest = hashlib.sha256(f"{CACHE_FORMAT}\0{root}\0{resolved}\0".encode())
    code = sorted(Path(__file__).parent.glob("*.py"))
    for path in code + sorted(p for p in resolved.rglob("*") if p.is_file()):
        stat = path.stat()
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    name = hashlib.sha256(str(resolved).encode()).hexdigest()[:16]
    return cache_dir() / f"content-{name}.pickle", digest.hexdigest()


def load_cached(root: Path, load: Callable[[Path], Library] = load_library) -> Library:
    """``load(root)``, or the validated library stored by an earlier call if no file has changed since.

    Only libraries without problems are stored; the key is taken before loading, so a file changed
    meanwhile makes the entry miss next time. An unreadable or unwritable cache is skipped.
    """
    try:
        file, key = _cache_key(root)
    except OSError:
        return load(root)
    with contextlib.suppress(Exception):  # no entry, or unreadable, or from another version
        with file.open("rb") as stream:
            stored_key, library = pickle.load(stream)
        if stored_key == key and isinstance(library, Library) and not library.problems:
            return library
    library = load(root)
    if not library.problems:
        with contextlib.suppress(OSError):
            _store(file, (key, library))
    return library


def _store(file: Path, entry: tuple[str, Library]) -> None:
    file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=file.parent, prefix=".content-")
    try:
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(entry, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, file)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise

"""The ``samspill`` command: run the app, export a session, check content."""

from __future__ import annotations

import argparse
import gc
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from samspill_tui.content.library import Library, load_cached, load_library
from samspill_tui.i18n import LANGS, t
from samspill_tui.paths import default_content, default_data_dir
from samspill_tui.session.meeting import Meeting, parse_names
from samspill_tui.session.policy import K_DEFAULT, K_MIN

DEFAULT_CONTENT = default_content()
DEFAULT_DATA = default_data_dir()
DEFAULT_PORT = 8765


class _Parser(argparse.ArgumentParser):
    """An argument parser whose own words (usage, errors, help) are in the chosen language form."""

    lang = "nb"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = t(self.lang, "cli.positionals")
        self._optionals.title = t(self.lang, "cli.options")
        self.add_argument("-h", "--help", action="help", help=t(self.lang, "cli.help.help"))

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", t(self.lang, "cli.usage"), 1)

    def format_help(self) -> str:
        return super().format_help().replace("usage:", t(self.lang, "cli.usage"), 1)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {t(self.lang, 'cli.error')}: {_argparse_message(self.lang, message)}\n")


def _argparse_message(lang: str, message: str) -> str:
    """argparse's error ``message`` in ``lang`` where its pattern is known (the names it quotes kept)."""
    for pattern, key in ARGPARSE_ERRORS:
        if m := re.match(pattern, message):
            return t(lang, key, **m.groupdict())
    return message


ARGPARSE_ERRORS = (
    (r"argument (?P<arg>\S+): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)$",
     "cli.err.choice"),
    (r"argument (?P<arg>\S+): invalid (?P<kind>\w+) value: (?P<value>.+)$", "cli.err.value"),
    (r"argument (?P<arg>\S+): expected one argument$", "cli.err.one"),
    (r"the following arguments are required: (?P<args>.+)$", "cli.err.required"),
    (r"unrecognized arguments: (?P<args>.+)$", "cli.err.unknown"),
)


def _lang_of(argv: Sequence[str]) -> str:
    """The language form asked for with --lang anywhere on the command line (bokmål if none)."""
    for n, arg in enumerate(argv):
        value = arg.partition("=")[2] if arg.startswith("--lang=") else (
            argv[n + 1] if arg == "--lang" and n + 1 < len(argv) else "")
        if value in LANGS:
            return value
    return "nb"


def _parser(lang: str = "nb") -> argparse.ArgumentParser:
    def h(key: str, **values: object) -> str:
        return t(lang, f"cli.help.{key}", **values)

    parser_class = type("Parser", (_Parser,), {"lang": lang})  # subparsers are made of the same class
    parser: argparse.ArgumentParser = parser_class(prog="samspill", description=h("description"))
    parser.add_argument("--content", type=Path, default=DEFAULT_CONTENT, help=h("content"))
    parser.add_argument("--lang", choices=LANGS, default="nb", help=h("lang"))
    # --lang is also taken after the command, where a user would write it (`samspill run --lang nn`).
    lang_too = argparse.ArgumentParser(add_help=False)
    lang_too.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS, help=h("lang"))
    sub = parser.add_subparsers(dest="command", title=t(lang, "cli.commands"))

    def command(parent: Any, name: str, key: str) -> argparse.ArgumentParser:
        found: argparse.ArgumentParser = parent.add_parser(name, help=h(key), description=h(key),
                                                           parents=[lang_too])
        return found

    data_help = h("data_dir_default", path=DEFAULT_DATA)
    run = command(sub, "run", "run")
    run.add_argument("--programme", help=h("programme"))
    run.add_argument("--session", help=h("session"))
    run.add_argument("--host", default="0.0.0.0", help=h("host"))
    run.add_argument("--port", type=int, default=None, help=h("port", port=DEFAULT_PORT))
    run.add_argument("--data-dir", type=Path, default=DEFAULT_DATA, help=data_help)
    run.add_argument("--theme", choices=("light", "dark"), default="light", help=h("theme"))
    run.add_argument("--min-group", type=_k_of(lang), default=K_DEFAULT, metavar="K",
                     help=h("min_group", n=K_DEFAULT, least=K_MIN))
    run.add_argument("--demo", type=int, default=0, metavar="N", help=h("demo"))
    run.add_argument("--follows", metavar="SESSION", help=h("follows"))
    run.add_argument("--attach", type=Path, metavar="FILE", help=h("attach"))
    meeting = run.add_argument_group(h("meeting"))
    for option in ("organ", "kommune", "place", "date", "time", "present", "chair", "secretary"):
        meeting.add_argument(f"--{option}", help=h(f"meeting_{option}"))
    meeting.add_argument("--present-count", action="append", default=[], metavar="ROLE=N",
                         help=h("meeting_present_count"))

    export = command(sub, "export", "export")
    export.add_argument("session", help=h("session_name"))
    export.add_argument("--format", choices=("md", "html", "csv", "json", "pdf", "xlsx"), default="md",
                        help=h("format"))
    export.add_argument("--csv-dialect", choices=("standard", "excel"), default="standard",
                        help=h("csv_dialect"))
    export.add_argument("--out", type=Path, help=h("out"))
    export.add_argument("--data-dir", type=Path, default=DEFAULT_DATA, help=data_help)
    export.add_argument("--attachment", action="store_true", help=h("attachment"))

    console = command(sub, "console", "console")
    console.add_argument("session", help=h("console_session"))
    console.add_argument("--data-dir", type=Path, default=DEFAULT_DATA, help=data_help)
    console.add_argument("--theme", choices=("light", "dark"), default="light", help=h("theme"))

    sessions = command(sub, "sessions", "sessions")
    sessions_sub = sessions.add_subparsers(dest="sessions_command", required=True,
                                           title=t(lang, "cli.commands"))
    listing = command(sessions_sub, "list", "list")
    delete = command(sessions_sub, "delete", "delete")
    delete.add_argument("name", help=h("session_name"))
    delete.add_argument("--yes", action="store_true", help=h("yes"))
    attach = command(sessions_sub, "attach", "attach_note")
    attach.add_argument("name", help=h("session_name"))
    attach.add_argument("file", type=Path, help=h("file"))
    for each in (listing, delete, attach):
        each.add_argument("--data-dir", type=Path, default=DEFAULT_DATA, help=data_help)

    content = command(sub, "content", "content_tools")
    content_sub = content.add_subparsers(dest="content_command", required=True,
                                         title=t(lang, "cli.commands"))
    check = command(content_sub, "check", "check")
    check.add_argument("dir", nargs="?", type=Path, help=h("dir"))
    guide = command(content_sub, "guide", "guide")
    guide.add_argument("programme", help=h("guide_programme"))
    guide.add_argument("--format", choices=("md", "html"), default="md", help=h("guide_format"))
    guide.add_argument("--start", default="09:00", help=h("guide_start"))
    return parser


def _k_of(lang: str) -> Any:
    """The type of --min-group: a whole number, never below K_MIN (argparse reports the error)."""
    def k(value: str) -> int:
        if not value.isdecimal() or int(value) < K_MIN:
            raise argparse.ArgumentTypeError(t(lang, "cli.err.min_group", least=K_MIN, value=value))
        return int(value)
    return k


def _say(lang: str, key: str, **values: object) -> None:
    """Print message ``key`` of the command line to standard error, in language form ``lang``."""
    print(t(lang, key, **values), file=sys.stderr)


def _library_or_exit(path: Path, lang: str) -> Library:
    library = load_library(path)
    if library.problems:
        _say(lang, "cli.content_broken", path=path)
        for problem in library.problems:
            print(f"  {problem.text(lang)}", file=sys.stderr)
        raise SystemExit(2)
    return library


def _twin_warnings(library: Library, lang: str) -> list[str]:
    """A warning for each item written in one language form only, naming its file and line."""
    return [t(lang, "cli.twin", where=f"{twin.path}:{twin.line}", id=twin.ident,
              form=t(lang, f"lang.{twin.missing}")) for twin in library.twins]


def _not_runnable(library: Library, programme: str, lang: str) -> str | None:
    """Why ``programme`` cannot run in ``lang`` (unknown, or needs what only the other form has)."""
    if programme in library.runnable(lang):
        return None
    other = next(o for o in LANGS if o != lang)
    needs = library.blocked.get(lang, {}).get(programme)
    if needs is None and programme not in library.lang(other).programmes:
        known = ", ".join(sorted(library.runnable(lang)))
        return t(lang, "cli.unknown_programme", programme=programme, known=known)
    return t(lang, "cli.untranslated", programme=programme, needs=needs or programme,
             form=t(lang, f"lang.{lang}"), other=t(lang, f"lang.{other}"), other_code=other)


def cmd_run(args: argparse.Namespace) -> int:
    """Start the TUI, at the home screen or directly at a session's lobby."""
    gc.disable()  # start-up allocates much and frees little: the app collects once the lobby is drawn
    try:
        return _run(args)
    finally:
        gc.enable()


def _run(args: argparse.Namespace) -> int:
    from samspill_tui.session.live import Session
    from samspill_tui.session.store import BadSessionNameError, check_name
    from samspill_tui.tui.app import SamspillApp
    from samspill_tui.web.server import WebServer, listen_for

    lang = args.lang
    library = load_cached(args.content, lambda path: _library_or_exit(path, lang))  # cached when valid
    for warning in _twin_warnings(library, lang):
        print(warning, file=sys.stderr)
    start = None
    if getattr(args, "session", None) or getattr(args, "programme", None):
        if not (args.session and args.programme):
            _say(lang, "cli.pair_needed")
            return 2
        if refusal := _not_runnable(library, args.programme, lang):
            print(f"samspill run: {refusal}", file=sys.stderr)
            return 2
        try:
            check_name(args.session)
        except BadSessionNameError:
            _say(lang, "cli.bad_name", command="samspill run", name=args.session)
            return 2
        start = (args.programme, args.session)
        meeting = _meeting(args)
        if meeting is None:
            return 2
        if getattr(args, "follows", None) or getattr(args, "attach", None) or not meeting.empty:
            code = _prepare("samspill run", library, args.data_dir, args.session, args.programme,
                            args.lang, follows=args.follows, attach=args.attach, meeting=meeting)
            if code:
                return code

    host = getattr(args, "host", "0.0.0.0")
    port = getattr(args, "port", None)

    async def serve(session: Session) -> WebServer:
        # The join address is known now (a resume takes its old one again), and a busy port fails here.
        server = await listen_for(session, host, port, DEFAULT_PORT)

        async def start_after_lobby() -> None:  # aiohttp is imported after the lobby is painted
            await app.session_shown.wait()
            await server.start()

        app.run_worker(start_after_lobby(), name="web", exit_on_error=True)
        return server

    app = SamspillApp(library=library, lang=args.lang, data_dir=getattr(args, "data_dir", DEFAULT_DATA),
                      serve=serve, start=start, demo=max(0, getattr(args, "demo", 0)),
                      theme=getattr(args, "theme", "light"), k=getattr(args, "min_group", K_DEFAULT))
    if start is None:  # the home screen: no lobby to wait for
        gc.enable()
    app.run()
    return app.return_code or 0


def _meeting(args: argparse.Namespace) -> Meeting | None:
    """The meeting details given as ``run`` options (checked when stored); None after an error."""
    start, _, end = (args.time or "").replace("–", "-").partition("-")
    counts = []
    for given in args.present_count:
        role, _, n = given.partition("=")
        if not n.strip().isdigit():
            print(f"samspill run: {t(args.lang, 'err.meeting-count')} ({given!r})", file=sys.stderr)
            return None
        counts.append((role.strip(), int(n)))
    return Meeting(args.organ or "", args.kommune or "", args.place or "", args.date or "", start, end,
                   parse_names(args.present or ""), tuple(counts), args.chair or "", args.secretary or "")


def _prepare(command: str, library: Library, data_dir: Path, name: str, programme: str, lang: str, *,
             follows: str | None = None, attach: Path | None = None, meeting: Meeting | None = None) -> int:
    """With no app running: carry over an earlier session's agreements, attach a note, store the
    meeting details."""
    import asyncio

    from samspill_tui.session.live import Rejected, Session
    from samspill_tui.session.series import follow_up
    from samspill_tui.session.store import SessionLockedError
    from samspill_tui.session.summary import UnknownSessionError

    note = None
    if attach is not None:
        try:
            note = attach.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            _say(lang, "cli.read_failed", command=command, path=attach, reason=exc)
            return 1

    async def prepare() -> None:
        session = await Session.open(data_dir, name, programme, library, lang)
        try:
            if follows:
                n = await follow_up(session, data_dir, follows, library)
                _say(lang, "cli.carried", n=n, source=follows, name=name)
            if attach is not None and note is not None:
                await session.attach(attach.name, note)
                _say(lang, "cli.attached", path=attach, name=name)
                _say(lang, "attachment.notice")
            if meeting is not None and not meeting.empty:
                await session.set_meeting(session.meeting.merged(meeting))
        finally:
            await session.close()

    try:
        asyncio.run(prepare())
    except SessionLockedError:
        _say(lang, "cli.locked", command=command, name=name)
        return 1
    except UnknownSessionError:
        _say(lang, "cli.no_session", command=command, name=follows, dir=data_dir)
        return 1
    except Rejected as exc:
        key = f"err.{exc.code}" if exc.code.startswith("meeting-") else f"cli.rejected.{exc.code}"
        reason = t(lang, key, name=name, programme=programme, path=attach)
        print(f"{command}: {reason}", file=sys.stderr)
        return 1
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Print or write the summary of a session from its file on disk."""
    from samspill_tui.export.attachment import attachment_markdown
    from samspill_tui.export.files import render_bytes
    from samspill_tui.export.pdf import PdfUnavailable
    from samspill_tui.session.store import write_atomically
    from samspill_tui.session.summary import UnknownSessionError, attachment_of, load_session

    library = _library_or_exit(args.content, args.lang)
    try:
        stored = load_session(args.data_dir, args.session, library)
    except UnknownSessionError:
        _say(args.lang, "cli.no_session", command="samspill export", name=args.session, dir=args.data_dir)
        return 1
    if args.attachment:
        note = attachment_of(stored.name, stored.record)
        if note is None:
            _say(args.lang, "cli.no_attachment", name=args.session)
            return 1
        data = attachment_markdown(note).encode()
    else:
        try:
            data = render_bytes(stored.summary(), args.format, csv_dialect=args.csv_dialect)
        except PdfUnavailable as exc:
            print(f"samspill export: {exc}", file=sys.stderr)
            return 1
    if args.out is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    try:
        write_atomically(args.out, [data])
    except OSError as exc:
        _say(args.lang, "cli.write_failed", path=args.out, reason=exc.strerror)
        return 1
    _say(args.lang, "cli.wrote", path=args.out)
    return 0


def _size(n: int) -> str:
    return f"{n} B" if n < 1024 else f"{n / 1024:.1f} kB".replace(".", ",")


def cmd_sessions(args: argparse.Namespace) -> int:
    """List stored sessions, delete one (after confirmation), or attach a note to one."""
    from samspill_tui.session.archive import delete_session, list_sessions
    from samspill_tui.session.store import BadSessionNameError, SessionLockedError, check_name

    lang = args.lang
    if args.sessions_command == "list":
        print(t(lang, "sessions.where", path=args.data_dir.resolve()), file=sys.stderr)
        found = list_sessions(args.data_dir)
        if not found:
            print(t(lang, "cli.no_sessions", dir=args.data_dir))
            return 0
        name_, programme_, created_, participants_, size_ = t(lang, "cli.columns").split("|")
        rows = [(name_, programme_, created_, participants_, size_)]
        rows += [(s.name, s.programme, s.created[:16].replace("T", " "), str(s.participants), _size(s.size))
                 for s in found]
        widths = [max(len(r[i]) for r in rows) for i in range(5)]
        for row in rows:
            print("  ".join(v.rjust(w) if i >= 3 else v.ljust(w)
                            for i, (v, w) in enumerate(zip(row, widths, strict=True))).rstrip())
        return 0
    try:
        name = check_name(args.name)
    except BadSessionNameError:
        _say(lang, "cli.bad_name", command="samspill sessions", name=args.name)
        return 2
    if not (args.data_dir / f"{name}.json").is_file():
        _say(lang, "cli.no_session", command="samspill sessions", name=name, dir=args.data_dir)
        return 1
    if args.sessions_command == "attach":
        return _attach(args, name)
    if not args.yes:
        answer = _ask(t(lang, "cli.delete_ask", name=name))
        if answer.strip().lower() not in ("j", "ja", "y", "yes"):
            print(t(lang, "cli.nothing_deleted"))
            return 1
    try:
        removed = delete_session(args.data_dir, name)
    except SessionLockedError:
        _say(lang, "cli.locked", command="samspill sessions", name=name)
        return 1
    except OSError as exc:
        _say(lang, "cli.delete_failed", name=name, reason=exc.strerror)
        return 1
    print(t(lang, "cli.deleted", name=name, n=len(removed)))
    return 0


def _ask(question: str) -> str:
    try:
        return input(question)
    except EOFError:
        return ""


def _attach(args: argparse.Namespace, name: str) -> int:
    """Attach a Markdown file to a stored session that no app has open."""
    from samspill_tui.session.store import read_snapshot

    meta = (read_snapshot(args.data_dir / f"{name}.json").get("meta") or [{}])[0]
    programme, lang = str(meta.get("programme")), str(meta.get("lang", args.lang))
    library = _library_or_exit(args.content, lang)
    if refusal := _not_runnable(library, programme, lang):
        print(f"samspill sessions: {refusal}", file=sys.stderr)
        return 1
    return _prepare("samspill sessions", library, args.data_dir, name, programme, lang, attach=args.file)


def cmd_console(args: argparse.Namespace) -> int:
    """Open the presenter console of a session that an app runs; say so when none does."""
    from samspill_tui.console.protocol import Probe, channel_path, probe

    try:
        path = channel_path(args.data_dir, args.session)
    except ValueError:
        _say(args.lang, "console.none", name=args.session)
        return 1
    found = probe(path)
    if found != Probe.RUNNING:
        _say(args.lang, f"console.{found.value}", name=args.session)
        return 1
    from samspill_tui.console.app import ConsoleApp

    app = ConsoleApp(path, args.session, args.lang, args.theme)
    app.run()
    return app.return_code or 0


def cmd_content_check(args: argparse.Namespace) -> int:
    """Validate content; print counts, or every problem with file and line."""
    root, lang = args.dir or args.content, args.lang
    library = load_library(root)
    if library.problems:
        for problem in library.problems:
            print(problem.text(lang))
        _say(lang, "cli.problems", n=len(library.problems), root=root)
        return 1
    for warning in _twin_warnings(library, lang):
        print(warning)
    for form, counts in library.counts().items():
        print(t(lang, "cli.counts", form=t(lang, f"lang.{form}"), **counts))
    for programme in library.runnable(lang).values():
        total = programme.total_minutes
        print(t(lang, "content.total", programme=programme.id, minutes=total, hours=total // 60,
                rest=total % 60))
    print(t(lang, "cli.ok", root=root))
    return 0


def cmd_content_guide(args: argparse.Namespace) -> int:
    """Print a programme's facilitator script as Markdown or HTML."""
    from samspill_tui.content.guide import guide_html, guide_markdown, parse_clock

    lang = args.lang
    library = _library_or_exit(args.content, lang)
    if refusal := _not_runnable(library, args.programme, lang):
        print(f"samspill content guide: {refusal}", file=sys.stderr)
        return 2
    try:
        start = parse_clock(args.start)
    except ValueError:
        _say(lang, "cli.bad_start", value=args.start)
        return 2
    render = guide_html if args.format == "html" else guide_markdown
    content = library.lang(lang)
    sys.stdout.write(render(content.programmes[args.programme], content, lang, start))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code. It never shows a traceback: a damaged session
    file is named, and any other error is written to a log in the data folder, secrets and all
    local variables left out."""
    from samspill_tui.session.record import CorruptSessionError

    argv = sys.argv[1:] if argv is None else list(argv)
    args = _parser(_lang_of(argv)).parse_args(argv)
    command = f"samspill {args.command or 'run'}"
    try:
        return _dispatch(args)
    except CorruptSessionError as exc:
        _say(args.lang, "cli.corrupt", command=command, path=exc.path)
        return 1
    except Exception as exc:
        from samspill_tui.crash import crash_report

        try:
            path = crash_report(exc, (), getattr(args, "data_dir", DEFAULT_DATA))
        except OSError as failed:
            _say(args.lang, "cli.crash_unlogged", command=command, reason=failed.strerror or failed)
        else:
            _say(args.lang, "cli.crash", command=command, path=path)
        return 1


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "export":
        return cmd_export(args)
    if args.command == "content":
        return cmd_content_guide(args) if args.content_command == "guide" else cmd_content_check(args)
    if args.command == "sessions":
        return cmd_sessions(args)
    if args.command == "console":
        return cmd_console(args)
    return cmd_run(args)

"""The ``samspill`` command: run the app, export a session, check content."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from pathlib import Path

from samspill_tui.content.library import Library, load_cached, load_library
from samspill_tui.i18n import LANGS, t
from samspill_tui.paths import default_content, default_data_dir
from samspill_tui.session.meeting import Meeting, parse_names
from samspill_tui.session.policy import K_DEFAULT, K_MIN

DEFAULT_CONTENT = default_content()
DEFAULT_DATA = default_data_dir()
DEFAULT_PORT = 8765


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="samspill", description=__doc__)
    parser.add_argument("--content", type=Path, default=DEFAULT_CONTENT,
                        help="content folder holding nb/ and nn/ (default: the bundled content)")
    parser.add_argument("--lang", choices=LANGS, default="nb",
                        help="language form of the projector and phones (default: nb)")
    sub = parser.add_subparsers(dest="command")

    run = sub.add_parser("run", help="start the app (at the lobby when a session is given)")
    run.add_argument("--programme", help="programme id, e.g. folkevalgtdag")
    run.add_argument("--session", help="session name; an existing session resumes")
    run.add_argument("--host", default="0.0.0.0",
                     help="address to listen on and announce (default: all, announcing the LAN address)")
    run.add_argument("--port", type=int, default=DEFAULT_PORT, help="port (0 picks a free one)")
    run.add_argument("--data-dir", type=Path, default=DEFAULT_DATA,
                     help=f"session folder (default: {DEFAULT_DATA})")
    run.add_argument("--theme", choices=("light", "dark"), default="light",
                     help="light high-contrast projector theme (default) or dark; key d switches")
    run.add_argument("--min-group", type=_k, default=K_DEFAULT, metavar="K",
                     help=f"a new session's anonymity threshold: no group of fewer than K answers is "
                          f"shown (default: {K_DEFAULT}, at least {K_MIN}; a resumed session keeps its own)")
    run.add_argument("--demo", type=int, default=0, metavar="N",
                     help="rehearsal: N simulated participants join, vote and answer over HTTP")
    run.add_argument("--follows", metavar="SESSION",
                     help="start with the agreements of this earlier session as the first agenda item")
    run.add_argument("--attach", type=Path, metavar="FILE",
                     help="attach a Markdown note (the kommunedirektør's) to the session")
    meeting = run.add_argument_group("meeting details (at the top of every export; also key M in the app)")
    for option, text in (("organ", "e.g. Formannskapet"), ("kommune", "the municipality"), ("place", "venue"),
                         ("date", "DD.MM.YYYY"), ("time", "HH:MM-HH:MM, start and end"),
                         ("present", "names, comma-separated"), ("chair", "møteleder"),
                         ("secretary", "referent")):
        meeting.add_argument(f"--{option}", help=text)
    meeting.add_argument("--present-count", action="append", default=[], metavar="ROLE=N",
                         help="how many were present in a role (folkevalgt, administrasjon, annet); "
                              "repeatable")

    export = sub.add_parser("export", help="write a session summary (safe while it runs)")
    export.add_argument("session")
    export.add_argument("--format", choices=("md", "html", "csv", "json", "pdf", "xlsx"), default="md")
    export.add_argument("--csv-dialect", choices=("standard", "excel"), default="standard",
                        help="csv: comma-separated for tools (default), or semicolons for Norwegian Excel")
    export.add_argument("--out", type=Path, help="output file (default: standard output)")
    export.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    export.add_argument("--attachment", action="store_true",
                        help="write the attached note instead, as its own confidential file")

    sessions = sub.add_parser("sessions", help="list or delete stored sessions, attach a note")
    sessions_sub = sessions.add_subparsers(dest="sessions_command", required=True)
    listing = sessions_sub.add_parser("list", help="name, programme, created, participants, size")
    delete = sessions_sub.add_parser("delete", help="delete a session and its exports from disk")
    delete.add_argument("name")
    delete.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    attach = sessions_sub.add_parser("attach", help="attach a Markdown note to a session")
    attach.add_argument("name")
    attach.add_argument("file", type=Path)
    for command in (listing, delete, attach):
        command.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)

    content = sub.add_parser("content", help="content tools")
    content_sub = content.add_subparsers(dest="content_command", required=True)
    check = content_sub.add_parser("check", help="validate content; non-zero exit on problems")
    check.add_argument("dir", nargs="?", type=Path)
    guide = content_sub.add_parser("guide", help="print a programme's facilitator script")
    guide.add_argument("programme")
    guide.add_argument("--format", choices=("md", "html"), default="md")
    guide.add_argument("--lang", dest="guide_lang", choices=LANGS, help="language form (default: --lang)")
    guide.add_argument("--start", default="09:00", help="clock time of the first step (default: 09:00)")
    return parser


def _k(value: str) -> int:
    """The anonymity threshold given on the command line (never below K_MIN)."""
    try:
        k = int(value)
    except ValueError:
        k = 0
    if k < K_MIN:
        raise argparse.ArgumentTypeError(f"må være et helt tall, minst {K_MIN} (var {value!r})")
    return k


def _library_or_exit(path: Path) -> Library:
    library = load_library(path)
    if library.problems:
        print(f"Innholdet i {path} har feil:", file=sys.stderr)
        for problem in library.problems:
            print(f"  {problem}", file=sys.stderr)
        raise SystemExit(2)
    return library


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
    from samspill_tui.web.server import WebServer

    library = load_cached(args.content, _library_or_exit)  # validated content is cached
    start = None
    if getattr(args, "session", None) or getattr(args, "programme", None):
        if not (args.session and args.programme):
            print("samspill run: --programme og --session må gis sammen", file=sys.stderr)
            return 2
        if args.programme not in library.lang(args.lang).programmes:
            known = ", ".join(sorted(library.lang(args.lang).programmes))
            print(f"samspill run: ukjent program {args.programme!r} (finnes: {known})", file=sys.stderr)
            return 2
        try:
            check_name(args.session)
        except BadSessionNameError:
            print(f"samspill run: ugyldig navn på økta {args.session!r}", file=sys.stderr)
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
    port = getattr(args, "port", DEFAULT_PORT)

    async def serve(session: Session) -> WebServer:
        server = WebServer(session, host, port)
        server.listen()  # the join address is known now, and a busy port fails here

        async def start_after_lobby() -> None:  # aiohttp is imported after the lobby is painted
            await app.session_shown.wait()
            await server.start()

        app.run_worker(start_after_lobby(), name="web", exit_on_error=True)
        return server

    app = SamspillApp(library=library, lang=args.lang, data_dir=getattr(args, "data_dir", DEFAULT_DATA),
                      serve=serve, start=start, demo=max(0, getattr(args, "demo", 0)),
                      theme=getattr(args, "theme", "light"),
                      k=getattr(args, "min_group", K_DEFAULT))
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
            print(f"{command}: kunne ikke lese {attach}: {exc}", file=sys.stderr)
            return 1

    async def prepare() -> None:
        session = await Session.open(data_dir, name, programme, library, lang)
        try:
            if follows:
                n = await follow_up(session, data_dir, follows, library)
                print(f"Tok med {n} avtale(r) fra «{follows}» i «{name}»", file=sys.stderr)
            if meeting is not None and not meeting.empty:
                await session.set_meeting(session.meeting.merged(meeting))
            if attach is not None and note is not None:
                await session.attach(attach.name, note)
                print(f"La ved {attach} i «{name}»", file=sys.stderr)
                print(t(session.lang, "attachment.notice"), file=sys.stderr)
        finally:
            await session.close()

    messages = {
        "programme-mismatch": f"økta {name!r} finnes allerede med et annet program",
        "no-agenda": f"programmet {programme!r} har ingen dagsorden å føre avtalene inn i",
        "same-session": "en økt kan ikke følge opp seg selv",
        "too-long": f"{attach} er for stor",
        "empty": f"{attach} er tom",
    }
    try:
        asyncio.run(prepare())
    except SessionLockedError:
        print(f"{command}: økta {name!r} er åpen i en Samspill som kjører. Avslutt den først.",
              file=sys.stderr)
        return 1
    except UnknownSessionError:
        print(f"{command}: fant ingen økt {follows!r} i {data_dir}", file=sys.stderr)
        return 1
    except Rejected as exc:
        meeting_error = exc.code.startswith("meeting-")
        text = t(lang, f"err.{exc.code}") if meeting_error else messages.get(exc.code, exc.code)
        print(f"{command}: {text}", file=sys.stderr)
        return 1
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Print or write the summary of a session from its file on disk."""
    from samspill_tui.export.attachment import attachment_markdown
    from samspill_tui.export.files import render_bytes
    from samspill_tui.export.pdf import PdfUnavailable
    from samspill_tui.session.store import write_atomically
    from samspill_tui.session.summary import UnknownSessionError, attachment_of, load_session

    library = _library_or_exit(args.content)
    try:
        stored = load_session(args.data_dir, args.session, library)
    except UnknownSessionError:
        print(f"samspill export: fant ingen økt {args.session!r} i {args.data_dir}", file=sys.stderr)
        return 1
    if args.attachment:
        note = attachment_of(stored.name, stored.record)
        if note is None:
            print(f"samspill export: økta {args.session!r} har ikke noe vedlegg", file=sys.stderr)
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
        print(f"samspill export: kunne ikke skrive {args.out}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"Skrev {args.out}", file=sys.stderr)
    return 0


def _size(n: int) -> str:
    return f"{n} B" if n < 1024 else f"{n / 1024:.1f} kB".replace(".", ",")


def cmd_sessions(args: argparse.Namespace) -> int:
    """List stored sessions, delete one (after confirmation), or attach a note to one."""
    from samspill_tui.session.archive import delete_session, list_sessions
    from samspill_tui.session.store import BadSessionNameError, SessionLockedError, check_name

    if args.sessions_command == "list":
        found = list_sessions(args.data_dir)
        if not found:
            print(f"Ingen økter i {args.data_dir}")
            return 0
        print(t(args.lang, "sessions.where", path=args.data_dir.resolve()), file=sys.stderr)
        rows = [("Navn", "Program", "Opprettet", "Deltakere", "Størrelse")]
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
        print(f"samspill sessions: ugyldig navn på økta {args.name!r}", file=sys.stderr)
        return 2
    if not (args.data_dir / f"{name}.json").is_file():
        print(f"samspill sessions: fant ingen økt {name!r} i {args.data_dir}", file=sys.stderr)
        return 1
    if args.sessions_command == "attach":
        return _attach(args, name)
    if not args.yes:
        answer = _ask(f"Slette økta «{name}» og alt som er eksportert fra den? "
                      "Svarene er personopplysninger, og slettingen kan ikke angres. [j/N] ")
        if answer.strip().lower() not in ("j", "ja", "y", "yes"):
            print("Ingenting er slettet.")
            return 1
    try:
        removed = delete_session(args.data_dir, name)
    except SessionLockedError:
        print(f"samspill sessions: økta {name!r} er åpen i en Samspill som kjører. Avslutt den først.",
              file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"samspill sessions: kunne ikke slette {name!r}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"Slettet økta «{name}» ({len(removed)} filer).")
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
    library = _library_or_exit(args.content)
    if programme not in library.lang(lang).programmes:
        print(f"samspill sessions: programmet {programme!r} finnes ikke i innholdet", file=sys.stderr)
        return 1
    return _prepare("samspill sessions", library, args.data_dir, name, programme, lang, attach=args.file)


def cmd_content_check(args: argparse.Namespace) -> int:
    """Validate content; print counts, or every problem with file and line."""
    root = args.dir or args.content
    library = load_library(root)
    if library.problems:
        for problem in library.problems:
            print(problem)
        print(f"{len(library.problems)} problem(er) i {root}", file=sys.stderr)
        return 1
    for lang, counts in library.counts().items():
        print(f"{lang}: " + ", ".join(f"{n} {kind}" for kind, n in counts.items()))
    for programme in library.lang(args.lang).programmes.values():
        total = programme.total_minutes
        print(t(args.lang, "content.total", programme=programme.id, minutes=total,
                hours=total // 60, rest=total % 60))
    print(f"OK: {root}")
    return 0


def cmd_content_guide(args: argparse.Namespace) -> int:
    """Print a programme's facilitator script as Markdown or HTML."""
    from samspill_tui.content.guide import guide_html, guide_markdown, parse_clock

    lang = args.guide_lang or args.lang
    content = _library_or_exit(args.content).lang(lang)
    programme = content.programmes.get(args.programme)
    if programme is None:
        known = ", ".join(sorted(content.programmes))
        print(f"samspill content guide: ukjent program {args.programme!r} (finnes: {known})", file=sys.stderr)
        return 2
    try:
        start = parse_clock(args.start)
    except ValueError:
        print(f"samspill content guide: skriv --start som TT:MM, ikke {args.start!r}", file=sys.stderr)
        return 2
    render = guide_html if args.format == "html" else guide_markdown
    sys.stdout.write(render(programme, content, lang, start))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    if args.command == "export":
        return cmd_export(args)
    if args.command == "content":
        return cmd_content_guide(args) if args.content_command == "guide" else cmd_content_check(args)
    if args.command == "sessions":
        return cmd_sessions(args)
    return cmd_run(args)

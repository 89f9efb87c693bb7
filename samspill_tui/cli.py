"""The ``samspill`` command: run the app, export a session, check content."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from samspill_tui.content.library import Library, load_library
from samspill_tui.i18n import LANGS
from samspill_tui.session.results import MIN_GROUP

DEFAULT_CONTENT = Path(os.environ.get("SAMSPILL_CONTENT", Path(__file__).parent.parent / "content"))
DEFAULT_DATA = Path("sessions")
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
    run.add_argument("--data-dir", type=Path, default=DEFAULT_DATA, help="session folder")
    run.add_argument("--theme", choices=("light", "dark"), default="light",
                     help="light high-contrast projector theme (default) or dark; key d switches")
    run.add_argument("--min-group", type=int, default=MIN_GROUP, metavar="N",
                     help=f"smallest group a result is broken down by role for (default: {MIN_GROUP})")
    run.add_argument("--demo", type=int, default=0, metavar="N",
                     help="rehearsal: N simulated participants join, vote and answer over HTTP")

    export = sub.add_parser("export", help="write a session summary (safe while it runs)")
    export.add_argument("session")
    export.add_argument("--format", choices=("md", "json"), default="md")
    export.add_argument("--out", type=Path, help="output file (default: standard output)")
    export.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)

    content = sub.add_parser("content", help="content tools")
    content_sub = content.add_subparsers(dest="content_command", required=True)
    check = content_sub.add_parser("check", help="validate content; non-zero exit on problems")
    check.add_argument("dir", nargs="?", type=Path)
    return parser


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
    from samspill_tui.session.live import Session
    from samspill_tui.session.store import BadSessionNameError, check_name
    from samspill_tui.tui.app import SamspillApp
    from samspill_tui.web.server import WebServer

    library = _library_or_exit(args.content)
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

    host = getattr(args, "host", "0.0.0.0")
    port = getattr(args, "port", DEFAULT_PORT)

    async def serve(session: Session) -> WebServer:
        server = WebServer(session, host, port)
        await server.start()
        return server

    app = SamspillApp(library=library, lang=args.lang, data_dir=getattr(args, "data_dir", DEFAULT_DATA),
                      serve=serve, start=start, demo=max(0, getattr(args, "demo", 0)),
                      theme=getattr(args, "theme", "light"),
                      min_group=max(1, getattr(args, "min_group", MIN_GROUP)))
    app.run()
    return app.return_code or 0


def cmd_export(args: argparse.Namespace) -> int:
    """Print or write the summary of a session from its file on disk."""
    from samspill_tui.export.jsonexport import summary_json
    from samspill_tui.export.markdown import summary_markdown
    from samspill_tui.export.summary import UnknownSessionError, summary_from_file
    from samspill_tui.session.store import BadSessionNameError, check_name

    library = _library_or_exit(args.content)
    try:
        summary = summary_from_file(args.data_dir, check_name(args.session), library)
    except (UnknownSessionError, BadSessionNameError):
        print(f"samspill export: fant ingen økt {args.session!r} i {args.data_dir}", file=sys.stderr)
        return 1
    text = summary_json(summary) if args.format == "json" else summary_markdown(summary)
    if args.out is None:
        sys.stdout.write(text)
        return 0
    tmp = args.out.with_name(f".{args.out.name}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, args.out)
    except OSError as exc:
        print(f"samspill export: kunne ikke skrive {args.out}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"Skrev {args.out}", file=sys.stderr)
    return 0


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
    print(f"OK: {root}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    if args.command == "export":
        return cmd_export(args)
    if args.command == "content":
        return cmd_content_check(args)
    return cmd_run(args)

"""``soat``: proofread Vietnamese from the shell.

Subcommands: ``check`` (report issues), ``fix`` (apply the first fix of each), ``restore`` (put
diacritics back), ``rules`` (list the rules), ``serve`` (the HTTP server and web page) and
``eval`` (score soat on a dataset). Errors a user can cause become exit status 2 with a
message, never a traceback. Start at :func:`main`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable

import soat
from soat.check import check_with, make_options
from soat.cli.inputs import Source, expand, read, write_atomically
from soat.cli.render import human, json_line
from soat.errors import SoatError, UsageError
from soat.issue import apply_fixes
from soat.options import LEVELS, MODES, Options

EXIT_CLEAN, EXIT_ISSUES, EXIT_ERROR, EXIT_INTERNAL = 0, 1, 2, 70
LONG_TEXT = 500_000  # characters: a single input this long gets its own progress bar


def _env_lang() -> str | None:
    """``SOAT_LANG`` as "vi"/"en", or None when it is not set."""
    value = os.environ.get("SOAT_LANG")
    if not value:
        return None
    return "en" if value.lower().startswith("en") else "vi"


def _add_check_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="files or folders (*.txt, *.md); '-' or nothing reads stdin",
    )
    parser.add_argument(
        "--enable",
        action="append",
        default=[],
        metavar="ID",
        help="turn on a rule id or category (repeatable, or comma-separated)",
    )
    parser.add_argument(
        "--disable",
        action="append",
        default=[],
        metavar="ID",
        help="turn off a rule id or category (repeatable, or comma-separated)",
    )
    parser.add_argument(
        "--enabled-only", action="store_true", help="run only the rules named by --enable"
    )
    parser.add_argument("--mode", choices=MODES, help="edited (default) or informal text")
    parser.add_argument(
        "--level",
        choices=LEVELS,
        help="picky also reports less certain context slips; strict only the surest ones",
    )
    parser.add_argument(
        "--no-model",
        action="store_true",
        help="skip the language model (faster, no context checks)",
    )
    parser.add_argument(
        "--keep-quotes",
        action=argparse.BooleanOptionalAction,
        help="leave the words inside quotation marks to the writer: no context changes there,"
        " while non-words and well-known misspellings are still reported (the default);"
        " --no-keep-quotes checks a quotation's words in context too",
    )
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="soat.toml or pyproject.toml to use instead of searching upwards",
    )


def _split(values: list[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _options_for(args: argparse.Namespace, path: str) -> Options:
    from soat.config import load_config

    base = load_config(None if path == "-" else path, args.config)
    return make_options(
        base,
        enabled=_split(args.enable),
        disabled=_split(args.disable),
        enabled_only=args.enabled_only,
        mode=args.mode,
        level=args.level,
        lang=args.explicit_lang,
        use_model=False if args.no_model else None,
        keep_quotes=args.keep_quotes,
    )


def _progress(total: int):
    """A progress bar on stderr for long runs on a terminal; a no-op otherwise."""
    if total < 3 or not sys.stderr.isatty():
        return None
    from rich.progress import Progress

    bar = Progress(transient=True, console=_stderr_console())
    bar.start()
    return bar, bar.add_task("soat", total=total)


def _check_with_progress(source: Source, options: Options) -> list:
    """Check one input, with a progress bar on a terminal when it is long."""
    if len(source.text) < LONG_TEXT or not sys.stderr.isatty():
        return check_with(source.text, options)
    from rich.progress import Progress

    with Progress(transient=True, console=_stderr_console()) as bar:
        task = bar.add_task(source.name, total=len(source.text))
        return check_with(source.text, options, lambda done: bar.advance(task, done))


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True)


def _each_source(args: argparse.Namespace, handle: Callable[[Source, Options], int]) -> int:
    paths = expand(args.paths)
    status = EXIT_CLEAN
    progress = _progress(len(paths))
    try:
        for path in paths:
            try:
                source = read(path)
                result = handle(source, _options_for(args, path))
            except UsageError:
                raise
            except SoatError as error:
                print(f"soat: {error.localized(args.lang)}", file=sys.stderr)
                result = EXIT_ERROR
            status = max(status, result)
            if progress:
                progress[0].advance(progress[1])
    finally:
        if progress:
            progress[0].stop()
    return status


def cmd_check(args: argparse.Namespace) -> int:
    colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")

    def handle(source: Source, options: Options) -> int:
        issues = _check_with_progress(source, options)
        if args.format == "json":
            print(json_line(source.name, issues, options.lang), flush=True)
        else:
            for line in human(source.name, source.text, issues, options.lang, colour):
                print(line)
        return EXIT_ISSUES if issues else EXIT_CLEAN

    return _each_source(args, handle)


def cmd_fix(args: argparse.Namespace) -> int:
    if args.in_place and (not args.paths or "-" in args.paths):
        raise UsageError("--in-place cần đường dẫn tệp.", "--in-place needs file paths.")

    def handle(source: Source, options: Options) -> int:
        issues = _check_with_progress(source, options)
        fixed = apply_fixes(source.text, issues)
        if args.in_place:
            if fixed != source.text:
                write_atomically(source.name, fixed, source.bom, source.encoding)
        else:
            sys.stdout.write(fixed)
        return EXIT_CLEAN

    return _each_source(args, handle)


def cmd_restore(args: argparse.Namespace) -> int:
    status = EXIT_CLEAN
    for path in expand(args.paths):
        try:
            source = read(path)
        except SoatError as error:  # say which input, and go on with the others
            print(f"soat: {error.localized(args.lang)}", file=sys.stderr)
            status = EXIT_ERROR
            continue
        sys.stdout.write(soat.restore_diacritics(source.text, all=args.all))
    return status


def cmd_rules(args: argparse.Namespace) -> int:
    rules = soat.list_rules()
    if args.format == "json":
        described = [dict(rule.describe(args.lang), default_on=rule.default_on) for rule in rules]
        print(json.dumps(described, ensure_ascii=False, indent=2))
        return EXIT_CLEAN
    for rule in rules:
        state = "" if rule.default_on else " (off)"
        print(
            f"{rule.id:<30} {rule.category:<11} {rule.severity:<8}"
            f" {rule.describe(args.lang)['description']}{state}"
        )
    return EXIT_CLEAN


def cmd_serve(args: argparse.Namespace) -> int:
    from soat.server.run import serve

    serve(args.host, args.port, args.workers)
    return EXIT_CLEAN


def cmd_eval(args: argparse.Namespace) -> int:
    from soat.eval.cli import run

    return run(args.rest)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="soat",
        description="soát lỗi — offline proofreader for Vietnamese. "
        "Exit status: 0 no issues, 1 issues found, 2 usage or input error.",
    )
    parser.add_argument("--version", action="version", version=f"soat {soat.__version__}")
    parser.add_argument(
        "--lang",
        choices=("vi", "en"),
        default=None,
        help="language of messages (default: SOAT_LANG, then the config file's lang, then vi)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="report issues", description="Report issues in text.")
    _add_check_options(check)
    check.add_argument(
        "--format",
        choices=("human", "json"),
        default="human",
        help="json: one object per input per line",
    )
    check.set_defaults(run=cmd_check)

    fix = sub.add_parser(
        "fix",
        help="print the text with fixes applied",
        description="Apply the first fix of every issue; nothing else changes.",
    )
    _add_check_options(fix)
    fix.add_argument("--in-place", action="store_true", help="rewrite the files atomically")
    fix.set_defaults(run=cmd_fix)

    restore = sub.add_parser(
        "restore",
        help="restore diacritics of text typed without them",
        description="Put tone marks and diacritics back; only letters' "
        "marks change, everything else stays exactly as given.",
    )
    restore.add_argument("paths", nargs="*", metavar="PATH")
    restore.add_argument(
        "--all", action="store_true", help="also reconsider syllables that already carry marks"
    )
    restore.set_defaults(run=cmd_restore)

    rules = sub.add_parser("rules", help="list the rules", description="List every rule.")
    rules.add_argument("--format", choices=("human", "json"), default="human")
    rules.set_defaults(run=cmd_rules)

    serve = sub.add_parser(
        "serve",
        help="run the LanguageTool-compatible HTTP server",
        description="Serve the LanguageTool v2 API (/v2/check, /v2/languages, /v2/info, /health) "
        "and the web editor (/). Point LibreOffice, an editor plugin or language_tool_python "
        "at http://HOST:PORT.",
    )
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1; 0.0.0.0 for the network)",
    )
    serve.add_argument("--port", type=int, default=8081, help="port (default 8081)")
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        help="processes that check (default 1: the server process itself). "
        "More start that many check processes, about 135 MB each (the pages of "
        "the memory-mapped model are shared), and each request goes to the first "
        "one free: one per CPU core for the most requests per second",
    )
    serve.set_defaults(run=cmd_serve)

    evaluate = sub.add_parser(
        "eval", help="score soat on a dataset (see soat eval --help)", add_help=False
    )
    evaluate.add_argument("rest", nargs=argparse.REMAINDER)
    evaluate.set_defaults(run=cmd_eval)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["eval"]:  # the evaluation command has its own parser and --help
        from soat.eval.cli import run

        return run(argv[1:])
    parser = build_parser()
    args = parser.parse_args(argv)
    explicit_lang = args.lang or _env_lang()
    args.lang = explicit_lang or "vi"
    args.explicit_lang = explicit_lang
    if not getattr(args, "run", None):
        parser.print_help()
        return EXIT_ERROR
    try:
        return args.run(args)
    except SoatError as error:
        print(f"soat: {error.localized(args.lang)}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return EXIT_CLEAN
    except Exception as error:  # a bug of ours: say so plainly; SOAT_DEBUG=1 shows the trace
        if os.environ.get("SOAT_DEBUG"):
            raise
        print(
            f"soat: internal error / lỗi nội bộ: {type(error).__name__}: {error} "
            "(SOAT_DEBUG=1 shows details)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())

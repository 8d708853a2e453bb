"""The ``tiltak`` command: thin adapters over the library. Errors print one line (no traceback
unless --debug) saying what went wrong and what to do."""
from __future__ import annotations

from pipeline.cli.output import console, err, write_stdout
from pipeline.cli.parser import build_parser
from pipeline.errors import TiltakError

__all__ = ["build_parser", "console", "err", "main", "write_stdout"]


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except TiltakError as exc:
        if args.debug:
            raise
        err.print(f"tiltak: {exc.message} ({exc.hint})", soft_wrap=True, markup=False, highlight=False)
        return exc.exit_code
    except OSError as exc:  # a path given on the command line: one line, never a traceback
        if args.debug:
            raise
        where = f": {exc.filename}" if exc.filename else ""
        err.print(f"tiltak: {exc.strerror or exc}{where} (check the path and its permissions)", soft_wrap=True,
                  markup=False, highlight=False)
        return 2
    except KeyboardInterrupt:
        return 130

import subprocess
import sys

import pytest

from pipeline.cli import build_parser, main

COMMANDS = ["run", "serve", "show", "diff", "report", "status", "versions", "vacuum"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exc:
        build_parser().parse_args([command, "--help"])
    assert exc.value.code == 0
    assert "usage: tiltak " + command in capsys.readouterr().out


def test_errors_are_one_line_without_traceback(tmp_path, capsys):
    code = main(["show", str(tmp_path / "finnes-ikke.pdf")])
    captured = capsys.readouterr()
    assert code == 2 and "Traceback" not in captured.err and "finnes-ikke.pdf" in captured.err


def test_show_prints_measures(capsys):
    from tests.conftest import SEED

    assert main(["show", str(SEED)]) == 0
    assert "Handlingsprogram 2026" in capsys.readouterr().out


def test_show_prints_page_numbers_of_a_pdf():
    from pathlib import Path

    pdf = Path(__file__).parent / "fixtures" / "seed" / "handlingsprogram-2026-tabell.pdf"
    env = {**__import__("os").environ, "COLUMNS": "400"}
    out = subprocess.run([sys.executable, "-m", "pipeline.cli", "show", str(pdf)], capture_output=True,
                         text=True, env=env, check=True).stdout
    rows = [[c.strip() for c in line.split("│")] for line in out.splitlines() if "│" in line]
    pages = {row[2] for row in rows if len(row) > 6 and row[1].isdigit()}
    assert {"1", "6"} <= pages
    best = next(row for row in rows if "Best practice" in " ".join(row))
    assert best[2] == "6"

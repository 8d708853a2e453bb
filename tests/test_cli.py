import re
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
    import json
    from pathlib import Path

    pdf = Path(__file__).parent / "fixtures" / "seed" / "handlingsprogram-2026-tabell.pdf"
    env = {**__import__("os").environ, "COLUMNS": "80"}
    text = subprocess.run([sys.executable, "-m", "pipeline.cli", "show", str(pdf)], capture_output=True,
                          text=True, env=env, check=True).stdout
    pages = set(re.findall(r"^\s*\d+\. side (\d+)", text, flags=re.M))
    assert {"1", "6"} <= pages
    best = next(b for b in text.split("\n\n") if "Best practice" in b)
    assert re.match(r"\s*\d+\. side 6\b", best)
    records = json.loads(subprocess.run([sys.executable, "-m", "pipeline.cli", "show", str(pdf), "--format", "json"],
                                        capture_output=True, text=True, env=env, check=True).stdout)
    assert next(r for r in records if "Best practice" in r["text"])["page"] == 6

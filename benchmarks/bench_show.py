"""Whole-process ``tiltak show``: wall time of the command (interpreter start, imports, parse, segment,
enrich, printing) on a ruled table PDF of 49 pages (the seed table x7) and a notes PDF of 40 pages (the
seed notes x8), against a process that only runs bare pdfplumber ``extract_words()`` over the same file;
and the start-up: ``tiltak show`` on a one-line text file that holds one measure (spaCy, models and lemma
table loaded) and on one that holds none.

Goals: table >= 2x bare, notes >= 3x bare (ratio = bare seconds / tiltak seconds), one-line file <= 0.7 s.
The PDF engine of each ``tiltak show`` comes from a tiltak.toml in its working folder.

    python benchmarks/bench_show.py [--runs 5] [--engines pdfium pdfplumber]
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from common import ROOT, build_pdf, interleaved, load, median, spread

SEED = ROOT / "tests" / "fixtures" / "seed"
BARE = ("import sys; sys.path.insert(0, {bench!r}); from pathlib import Path; from common import bare_words; "
        "bare_words(Path({path!r}))")
ONE_MEASURE = "- Etablere ladepunkter i samarbeid med Drammen kommune\n"
NO_MEASURE = "Referat fra møtet\n"


def run(cmd: list[str], cwd: Path) -> None:
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--engines", nargs="+", default=["pdfium", "pdfplumber"], choices=["pdfium", "pdfplumber"])
    args = ap.parse_args()
    exe = str(Path(sys.executable).parent / "tiltak")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        files = {"table": build_pdf(tmp / "tabell-49.pdf", 7),
                 "notes": build_pdf(tmp / "notater-40.pdf", 8, SEED / "handlingsprogram-2026-notater.pdf")}
        (tmp / "ett-tiltak.txt").write_text(ONE_MEASURE, encoding="utf-8")
        (tmp / "ingen-tiltak.txt").write_text(NO_MEASURE, encoding="utf-8")
        for engine in args.engines:
            (tmp / engine).mkdir()
            (tmp / engine / "tiltak.toml").write_text(f'[tiltak]\npdf_engine = "{engine}"\n', encoding="utf-8")
        # the project's bytecode, as an installed package has it (pip compiles site-packages, so the bare
        # reference has pdfplumber's): with PYTHONDONTWRITEBYTECODE set every tiltak process would compile it
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "pipeline")], check=True)
        run([exe, "show", str(tmp / "ett-tiltak.txt")], tmp)  # warm-up: OS cache, the lemma cache
        print(f"files: table 49 pages (ruled), notes 40 pages; {args.runs} interleaved rounds  [{load()}]")
        for kind, path in files.items():
            jobs = {f"tiltak show, {e}": (lambda e=e, p=path: run([exe, "show", str(p)], tmp / e)) for e in args.engines}
            jobs["bare"] = lambda p=path: run([sys.executable, "-c", BARE.format(bench=str(ROOT / "benchmarks"),
                                                                                   path=str(p))], tmp)
            times = interleaved(jobs, args.runs)
            bare = median(times.pop("bare"))
            print(f"{kind}: reference bare pdfplumber extract_words (whole process) {bare:.2f} s")
            goal = 2.0 if kind == "table" else 3.0
            for label, values in times.items():
                ratio = bare / median(values)
                print(f"{kind}: figure    {label:22s} {spread(values)}; {ratio:.2f}x bare "
                      f"(goal >= {goal:.0f}x: {'met' if ratio >= goal else 'MISSED'})")
        jobs = {"one measure": lambda: run([exe, "show", str(tmp / "ett-tiltak.txt")], tmp),
                "no measure": lambda: run([exe, "show", str(tmp / "ingen-tiltak.txt")], tmp),
                "python -c pass": lambda: run([sys.executable, "-c", "pass"], tmp)}
        times = interleaved(jobs, args.runs)
        for label, values in times.items():
            verdict = f" (goal <= 0.7 s: {'met' if median(values) <= 0.7 else 'MISSED'})" if label == "one measure" else ""
            print(f"start-up: tiltak show, one-line file, {label:14s} {spread(values)}{verdict}")
    print(f"[{load()} after]")


if __name__ == "__main__":
    main()

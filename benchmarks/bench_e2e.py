"""End to end: pages/s of ``tiltak run --force`` on a 200-document corpus (PDF, DOCX and TXT made from the
seed, 2,000+ pages; see corpus.py) with 1 and with 2 workers and each PDF engine, against bare pdfplumber
``extract_words()`` on the corpus's PDFs measured in the same session. Goals: 2 workers >= 1.7x one
worker; end to end >= 0.7 x bare rate x workers; with ``--pdf-only`` (only the corpus's PDFs in raw/)
>= 40 pages/s per worker. The result cache is switched off (tiltak.toml in the work folder), so every
run parses every file; each run is a fresh ``tiltak`` process, Prefect's embedded server start included.
The project's bytecode is compiled first, as an installed package has it (as in bench_show.py: with
PYTHONDONTWRITEBYTECODE set, the run process and its workers would otherwise compile it on every run).

    python benchmarks/bench_e2e.py [--work /tmp/tiltak-bench] [--docs 200] [--runs 3] [--workers 1 2]
                                   [--engines pdfium pdfplumber] [--pdf-only]
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from common import ROOT, bare_words, interleaved, load, median, spread
from corpus import build, load_manifest

TOML = "[tiltak]\nresult_cache = false\npdf_engine = \"{engine}\"\n"


def tiltak(work: Path, *args: str) -> None:
    """Run the ``tiltak`` command of this environment in ``work`` (where its tiltak.toml is)."""
    exe = Path(sys.executable).parent / "tiltak"
    subprocess.run([str(exe), *args], cwd=work, check=True, stdout=subprocess.DEVNULL)


def prepare(work: Path, docs: int, engines: list[str], pdf_only: bool) -> Path:
    """The corpus in ``work/raw`` (built once; with ``pdf_only`` its PDFs and their sidecars in
    ``work/raw-pdf``) and per engine a folder ``work/<engine>`` with a settings file without result cache."""
    raw = work / "raw"
    if not (work / "corpus.json").is_file():
        build(raw, docs)
    if pdf_only:
        pdf_raw = work / "raw-pdf"
        if not pdf_raw.is_dir():
            pdf_raw.mkdir()
            for f in load_manifest(raw):
                if f.format == "pdf":
                    for path in raw.glob(f"{f.name}*"):  # the PDF and its sidecar .toml
                        shutil.copy2(path, pdf_raw / path.name)
        raw = pdf_raw
    for engine in engines:
        (work / engine).mkdir(exist_ok=True)
        (work / engine / "tiltak.toml").write_text(TOML.format(engine=engine), encoding="utf-8")
    return raw


def check_run(out: Path, n_files: int) -> tuple[float, float]:
    """The last run reprocessed every file without errors (else the timing means nothing). Returns its
    phases in seconds: files (run start to the last file done) and commit (to the run row)."""
    import pipeline

    last = pipeline.load("runs", root=str(out)).sort_values("started_at").iloc[-1]
    done = int(last["files_new"]) + int(last["files_changed"])
    if done != n_files or int(last["files_failed"]):
        raise SystemExit(f"run processed {done} of {n_files} files, {last['files_failed']} failed")
    files_done = pipeline.load("documents", root=str(out))["processed_at"].max()
    return ((files_done - last["started_at"]).total_seconds(), (last["finished_at"] - files_done).total_seconds())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", type=Path, default=Path("/tmp/tiltak-bench"))
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--engines", nargs="+", default=["pdfium", "pdfplumber"], choices=["pdfium", "pdfplumber"])
    ap.add_argument("--pdf-only", action="store_true", help="only the corpus's PDFs (the 40 pages/s goal)")
    args = ap.parse_args()
    raw = prepare(args.work, args.docs, args.engines, args.pdf_only)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "pipeline"), str(ROOT / "flows")], check=True)
    files = [f for f in load_manifest(args.work / "raw") if not args.pdf_only or f.format == "pdf"]
    pages, pdfs = sum(f.pages for f in files), [raw / f.name for f in files if f.format == "pdf"]
    pdf_pages = sum(f.pages for f in files if f.format == "pdf")
    print(f"corpus: {len(files)} documents, {pages} pages ({len(pdfs)} PDFs with {pdf_pages} pages)  [{load()}]")
    cases = [(e, w) for e in args.engines for w in args.workers]
    outs = {c: args.work / c[0] / f"processed-w{c[1]}" for c in cases}
    for (engine, w), out in outs.items():  # first run (new files); the timed runs are --force
        tiltak(args.work / engine, "run", "--quiet", "--raw", str(raw), "--out", str(out), "--workers", str(w))

    phases: dict[tuple[str, int], list[tuple[float, float]]] = {c: [] for c in cases}

    def run(case: tuple[str, int]) -> None:
        engine, w = case
        tiltak(args.work / engine, "run", "--force", "--quiet", "--raw", str(raw), "--out", str(outs[case]),
               "--workers", str(w))
        phases[case].append(check_run(outs[case], len(files)))

    jobs = {f"{e}, {w} worker(s)": (lambda c=(e, w): run(c)) for e, w in cases}
    jobs["bare"] = lambda: [bare_words(p) for p in pdfs]
    times = interleaved(jobs, args.runs)
    bare = pdf_pages / median(times.pop("bare"))
    print(f"reference  bare extract_words on the PDFs: {bare:6.1f} pages/s per process")
    rates = {}
    for (engine, w), (label, values) in zip(cases, times.items()):
        rates[engine, w] = rate = pages / median(values)
        goal = f"vs 0.7 x bare x {w} = {0.7 * bare * w:.1f}: {'met' if rate >= 0.7 * bare * w else 'MISSED'}"
        if args.pdf_only:
            goal += f"; per worker {rate / w:.1f} vs 40: {'met' if rate / w >= 40 else 'MISSED'}"
        print(f"figure     tiltak run --force, {label:24s}: {rate:6.1f} pages/s  ({spread(values)}); {goal}")
        files_s, commit_s = (median([p[i] for p in phases[engine, w]]) for i in (0, 1))
        print(f"           of which: files {files_s:.1f} s ({pages / files_s:.1f} pages/s), commit {commit_s:.1f} s, "
              f"the rest (process start, Prefect server, report) {median(values) - files_s - commit_s:.1f} s")
    for engine in args.engines:
        if (engine, 1) in rates and (engine, 2) in rates:
            speedup = rates[engine, 2] / rates[engine, 1]
            files_1, files_2 = (median([p[0] for p in phases[engine, w]]) for w in (1, 2))
            print(f"speedup 2 workers / 1 ({engine}): {speedup:.2f}  (goal >= 1.7: "
                  f"{'met' if speedup >= 1.7 else 'MISSED'}); files phase alone: {files_1 / files_2:.2f}")
    print(f"[{load()} after]")


if __name__ == "__main__":
    main()

"""End to end: pages/s of ``tiltak run --force`` on a 200-document corpus (PDF, DOCX and TXT made from the
seed, 2,000+ pages; see corpus.py) with 1 and with 2 workers, against bare pdfplumber ``extract_words()``
on the corpus's PDFs measured in the same session. Goals: 2 workers >= 1.7x one worker; end to end >=
0.7 x bare rate x workers. The result cache is switched off (tiltak.toml in the work folder), so every
run parses every file; each run is a fresh ``tiltak`` process, Prefect's embedded server start included.

    python benchmarks/bench_e2e.py [--work /tmp/tiltak-bench] [--docs 200] [--runs 3] [--workers 1 2]
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from common import bare_words, interleaved, load, median, spread
from corpus import build, load_manifest

TOML = "[tiltak]\nresult_cache = false\n"


def tiltak(work: Path, *args: str) -> None:
    """Run the ``tiltak`` command of this environment in ``work`` (where its tiltak.toml is)."""
    exe = Path(sys.executable).parent / "tiltak"
    subprocess.run([str(exe), *args], cwd=work, check=True, stdout=subprocess.DEVNULL)


def prepare(work: Path, docs: int) -> Path:
    """The corpus in ``work/raw`` (built once) and a settings file without result cache."""
    raw = work / "raw"
    if not (work / "corpus.json").is_file():
        build(raw, docs)
    (work / "tiltak.toml").write_text(TOML, encoding="utf-8")
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
    args = ap.parse_args()
    raw = prepare(args.work, args.docs)
    files = load_manifest(raw)
    pages, pdfs = sum(f.pages for f in files), [raw / f.name for f in files if f.format == "pdf"]
    pdf_pages = sum(f.pages for f in files if f.format == "pdf")
    print(f"corpus: {len(files)} documents, {pages} pages ({len(pdfs)} PDFs with {pdf_pages} pages)  [{load()}]")
    outs = {w: args.work / f"processed-w{w}" for w in args.workers}
    for w, out in outs.items():  # first run (new files); the timed runs are --force
        tiltak(args.work, "run", "--quiet", "--raw", str(raw), "--out", str(out), "--workers", str(w))

    phases: dict[int, list[tuple[float, float]]] = {w: [] for w in args.workers}

    def run(w: int) -> None:
        tiltak(args.work, "run", "--force", "--quiet", "--raw", str(raw), "--out", str(outs[w]), "--workers", str(w))
        phases[w].append(check_run(outs[w], len(files)))

    jobs = {f"{w} worker(s)": (lambda w=w: run(w)) for w in args.workers}
    jobs["bare"] = lambda: [bare_words(p) for p in pdfs]
    times = interleaved(jobs, args.runs)
    bare = pdf_pages / median(times.pop("bare"))
    print(f"reference  bare extract_words on the PDFs: {bare:6.1f} pages/s per process")
    rates = {}
    for label, values in times.items():
        w = int(label.split()[0])
        rates[w] = pages / median(values)
        print(f"figure     tiltak run --force, {label:12s}: {rates[w]:6.1f} pages/s  ({spread(values)}); "
              f"vs 0.7 x bare x {w} = {0.7 * bare * w:.1f}: {'met' if rates[w] >= 0.7 * bare * w else 'MISSED'}")
        files_s, commit_s = (median([p[i] for p in phases[w]]) for i in (0, 1))
        print(f"           of which: files {files_s:.1f} s ({pages / files_s:.1f} pages/s), commit {commit_s:.1f} s, "
              f"the rest (process start, Prefect server, report) {median(values) - files_s - commit_s:.1f} s")
    if 1 in rates and 2 in rates:
        speedup = rates[2] / rates[1]
        files = {w: median([p[0] for p in phases[w]]) for w in (1, 2)}
        print(f"speedup 2 workers / 1: {speedup:.2f}  (goal >= 1.7: {'met' if speedup >= 1.7 else 'MISSED'}); "
              f"files phase alone: {files[1] / files[2]:.2f}")
    print(f"[{load()} after]")


if __name__ == "__main__":
    main()

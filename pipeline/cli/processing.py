"""Commands that read documents: run, serve (the Prefect flow), show (one file), eval and train."""
from __future__ import annotations

import argparse
from pathlib import Path

from rich.markup import escape

from pipeline.cli.output import console, err
from pipeline.errors import TiltakError

def cmd_run(args: argparse.Namespace) -> int:
    import sys
    from contextlib import nullcontext

    from pipeline.schedule.prefect_settings import configure
    from pipeline.schedule.serve import PREFECT_DIR
    from pipeline.schedule.server import embedded_server, use_running_server

    configure()
    # before prefect is imported: a running `tiltak serve` (or PREFECT_API_URL) saves the embedded server;
    # else the embedded server starts now, beside this process's imports (a caller that imported
    # prefect already, e.g. a test harness, has its own API: Prefect then decides as it always does)
    api_url = use_running_server(Path(args.out) / PREFECT_DIR)
    if api_url and not args.quiet:
        console.print(f"Prefect: {api_url}", highlight=False)
    with nullcontext() if api_url or "prefect" in sys.modules else embedded_server() as server:
        from flows.reprocess import on_file, reprocess

        if server is not None:
            server.wait()
        return _run(args, on_file, reprocess)


def _run(args: argparse.Namespace, on_file, reprocess) -> int:  # noqa: ANN001 - the flow module's functions
    def progress(state, result) -> None:  # noqa: ANN001
        if args.quiet:
            return
        if result.error:
            err.print(f"[red]✗[/red] {escape(state.source_file)}: {escape(result.error['message'])} — "
                      f"{escape(result.error['hint'])}", highlight=False)
        else:
            console.print(f"[green]✓[/green] {escape(state.source_file)}: {len(result.measures)} tiltak", highlight=False)

    on_file(progress)
    scale = {k: v for k, v in (("workers", args.workers), ("dask_address", args.dask_address),
                               ("allow_removal", args.allow_removal)) if v}
    summary = reprocess(raw=str(args.raw), out=str(args.out), force=args.force, **scale)
    if not args.quiet:
        from pipeline.report.terminal import print_run_summary

        print_run_summary(summary, Path(args.out), console, err)
    if summary.removal_held:  # also with --quiet: nothing else tells a scheduler's log
        err.print(f"tiltak: {len(summary.removal_held)} filer er borte fra {args.raw} (alle eller mer enn halvparten "
                  f"av de kjente); ingenting ble fjernet (sjekk at mappen er montert; --allow-removal fjerner dem)",
                  soft_wrap=True, markup=False, highlight=False)
    return 1 if args.strict and (summary.failed or summary.failing or summary.removal_held) else 0


def cmd_serve(args: argparse.Namespace) -> int:
    from pipeline.schedule.serve import serve

    return serve(raw=args.raw, out=args.out, interval=args.interval, cron=args.cron, watch=args.watch,
                 quiet_seconds=args.quiet_seconds)


def _numpy_with_one_blas_thread() -> None:
    """Import numpy with one OpenBLAS thread when this process is the first to import it: ``show``
    multiplies no dense matrices, and OpenBLAS starting a thread per core costs ~40 ms of a one-file
    command's start. The variable is restored at once (OpenBLAS reads it when loaded), so child
    processes and later commands keep the user's setting."""
    import os
    import sys

    if "numpy" in sys.modules:
        return
    saved = os.environ.get("OPENBLAS_NUM_THREADS")
    os.environ["OPENBLAS_NUM_THREADS"] = saved or "1"
    try:
        import numpy  # noqa: F401
    finally:
        if saved is None:
            del os.environ["OPENBLAS_NUM_THREADS"]
        else:
            os.environ["OPENBLAS_NUM_THREADS"] = saved


def cmd_show(args: argparse.Namespace) -> int:
    _numpy_with_one_blas_thread()
    from pipeline.meta.versions import document_meta, version_key
    from pipeline.parse import parse
    from pipeline.report.terminal import measure_blocks
    from pipeline.run.process import document_measures, measures_to_rows

    path = Path(args.file)
    if not path.is_file():
        raise TiltakError(f"{path} finnes ikke", "sjekk stien")
    doc = parse(path)
    if args.layout:
        from pipeline.parse.layout import layout_lines

        print("\n".join(layout_lines(doc, max(console.width - 70, 40))))
        return 0
    meta = document_meta(doc, path)
    rows = measures_to_rows(document_measures(doc), "", path.name, meta)
    if args.format != "text":
        import pandas as pd

        from pipeline.report.export import to_csv_text, to_json_text

        frame = pd.DataFrame(rows)
        print(to_json_text(frame) if args.format == "json" else to_csv_text(frame), end="")
        return 0
    console.print(f"[bold]{escape(version_key(meta.program, meta.version_date))}[/bold] — {len(rows)} tiltak "
                  f"i {escape(path.name)}", highlight=False)
    console.print()
    console.print(measure_blocks(rows, console.width), markup=False, highlight=False, soft_wrap=True)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    import json

    from pipeline.evaluation.corpus import evaluate, gold_documents, summary

    if args.layouts:
        return _eval_layouts(args)
    results = []
    for r in evaluate(gold_documents(args.folder, args.split)):
        results.append(r)
        if not args.quiet:
            figures = "  ".join(f"{k.replace('segmentation_', 'seg_')}={r[k]}" for k in EVAL_COLUMNS if k in r)
            print(f"{r['file']} [{r['split'] or '-'}] {r['pred_measures']}/{r['gold_measures']}  {figures}")
    print(json.dumps(summary(results), ensure_ascii=False))
    return 0


def _eval_layouts(args: argparse.Namespace) -> int:
    from pipeline.evaluation.layouts import format_layout_table, layout_renders, layout_table, score_renders

    results = []
    for r in score_renders(layout_renders(args.folder)):
        results.append(r)
        if not args.quiet:
            print(f"{r['file']} [{r['layout']}] {r['pred_measures']}/{r['gold_measures']}  "
                  f"seg_f1={r['segmentation_f1']}")
    print(format_layout_table(layout_table(results)))
    return 0


EVAL_COLUMNS = ("segmentation_precision", "segmentation_recall", "segmentation_f1", "theme_acc", "parent_acc",
                "partner_f1", "goal_recall", "responsible_f1", "deadline_acc")


def cmd_train(args: argparse.Namespace) -> int:
    from pipeline.evaluation.classifiers import choose_fallback, corpus_examples, extra_training
    from pipeline.evaluation.training import require_training_libraries, train_confidence
    from pipeline.nlp.train import main as train_classifiers

    require_training_libraries()

    argv = [*(["--gold", str(args.gold)] if args.gold else []), *(["--lemmas"] if args.lemmas else [])]
    examples = corpus_examples(args.corpus)
    print(f"theme fallback: {choose_fallback(examples)}")
    train_classifiers(argv, extra=extra_training(examples))
    print(f"confidence: {train_confidence(args.corpus)}")
    return 0

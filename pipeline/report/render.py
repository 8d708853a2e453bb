"""Render the report templates (Jinja2, autoescape on for HTML) and write files atomically."""
from __future__ import annotations

import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path

import pandas as pd
from jinja2 import Environment, PackageLoader, StrictUndefined

from pipeline.report.context import build_context

try:
    from pipeline.config import VERSION as TOOL_VERSION
except ImportError:  # pragma: no cover - package without a version
    TOOL_VERSION = "0"


def _md_escape(value: object) -> str:
    """Make document text safe inside Markdown: one line, no table breaks, no raw HTML."""
    text = " ".join(str(value if value is not None else "").split())
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\|*_`\[\]])", r"\\\1", text)


@lru_cache(maxsize=2)
def _env(html: bool) -> Environment:
    env = Environment(
        loader=PackageLoader("pipeline.report", "templates"),
        autoescape=html,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = _md_escape
    return env


def render_report(measures: pd.DataFrame, status: pd.DataFrame | None = None,
                  changes: pd.DataFrame | None = None, meta: dict | None = None) -> str:
    """Render the self-contained static HTML report (no network resources) as a string.

    ``measures``: the measures table (DESIGN.md columns; list columns may be lists or numpy arrays).
    If it holds several programme versions, the one in ``meta`` (program, version_date) is shown,
    else the newest. ``status``: rows of the status table (current or full history; the latest row
    per lineage_id wins). ``changes``: a diff (changes columns); only the newest version pair is
    shown. ``meta``: program, version_date, dataset_version, generated_at (all optional) and
    ``partner_types`` (canonical name -> type) to override the gazetteer.
    """
    ctx = build_context(measures, status, changes, meta or {})
    return _env(True).get_template("report.html.j2").render(**ctx, tool_version=TOOL_VERSION)


def render_markdown(measures: pd.DataFrame, status: pd.DataFrame | None = None,
                    changes: pd.DataFrame | None = None, meta: dict | None = None) -> str:
    """Render a plain Markdown summary of the same content (counts per theme, measures, partners, diff)."""
    ctx = build_context(measures, status, changes, meta or {})
    text = _env(False).get_template("report.md.j2").render(**ctx, tool_version=TOOL_VERSION)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def write_report(html: str, path: str | Path) -> Path:
    """Write ``html`` (or any text) to ``path`` atomically: a temp file in the same folder, then
    ``os.replace``. Creates the folder. Returns the path."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(html)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target

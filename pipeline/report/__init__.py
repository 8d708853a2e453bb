"""Static reports: one self-contained HTML file and a Markdown summary.

``render_report(measures, status, changes, meta) -> str`` and ``render_markdown(...)`` build from
DataFrames; ``write_report(text, path)`` writes atomically.
"""
from pipeline.report.render import render_markdown, render_report, write_report

__all__ = ["render_report", "render_markdown", "write_report"]

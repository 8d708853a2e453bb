"""Static reports: one self-contained HTML file and a Markdown summary.

``render.render_report(measures, status, changes, meta) -> str`` and ``render.render_markdown(...)`` build
from DataFrames (``context`` turns them into what the templates show, ``labels`` names things in
Norwegian); ``render.write_report(text, path)`` writes atomically; ``build.build_report`` reads the tables.
"""

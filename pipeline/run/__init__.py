"""One run over ``raw/``: find new and changed files (``scan``), process each file (``process``), reuse earlier
results (``cache``), run files in worker processes (``runner``) and commit the results as one run (``commit``)."""

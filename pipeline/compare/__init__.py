"""Following measures across programme versions: text similarity and alignment (``align``), stable lineage ids
(``lineage``), the changes between two versions (``changes``) and their Markdown/HTML/CSV rendering (``render``)."""

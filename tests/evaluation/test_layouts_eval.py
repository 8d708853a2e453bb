"""``tiltak eval --layouts``: renders scored against their source's gold, grouped per layout beside the
plain text of the same documents."""
from __future__ import annotations

import shutil
from pathlib import Path

from pipeline.cli import main
from pipeline.evaluation.layouts import PLAIN, format_layout_table, layout_renders, layout_table

CORPUS = Path(__file__).parents[1] / "corpus"


def test_layout_table_groups_per_layout_against_plain_text() -> None:
    results = [{"layout": PLAIN, "file": "a.txt", "segmentation_f1": 1.0},
               {"layout": PLAIN, "file": "b.txt", "segmentation_f1": 0.8},
               {"layout": "notes-2col", "file": "a--notes-2col.pdf", "segmentation_f1": 0.9},
               {"layout": "notes-2col", "file": "b--notes-2col.pdf", "segmentation_f1": 0.7}]
    rows = layout_table(results)
    assert [r["layout"] for r in rows] == [PLAIN, "notes-2col"]
    assert rows[1] == {"layout": "notes-2col", "files": 2, "seg_f1": 0.8, "vs_plain": -0.1, "min_f1": 0.7,
                       "min_file": "b--notes-2col.pdf", "parent_acc": None}
    assert format_layout_table(rows).splitlines()[3] == \
        "| notes-2col | 2 | 0.800 | -0.100 | 0.700 | b--notes-2col.pdf | - |"


def test_the_committed_manifest_names_existing_renders_and_golds() -> None:
    renders = layout_renders(CORPUS)
    assert all(r.path.is_file() and r.gold.is_file() for r in renders)
    layouts = {r.layout for r in renders}
    assert len({r.gold for r in renders}) >= 10 and len(layouts) >= 14


def test_eval_layouts_prints_the_table(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    (tmp_path / "docs").mkdir()
    (tmp_path / "layouts").mkdir()
    for name in ("telemark_dks.txt", "telemark_dks.gold.json"):
        shutil.copy(CORPUS / "docs" / name, tmp_path / "docs" / name)
    render = "telemark_dks--notes-2col.pdf"
    shutil.copy(CORPUS / "layouts" / render, tmp_path / "layouts" / render)
    (tmp_path / "layouts" / "manifest.tsv").write_text(
        f"file\tgold\tlayout\n{render}\tdocs/telemark_dks.gold.json\tnotes-2col\n", encoding="utf-8")
    assert main(["eval", str(tmp_path), "--layouts"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("telemark_dks.txt [plain-text] 4/4")
    assert out[-1].startswith("| notes-2col | 1 | 1.000 | +0.000 | 1.000 | telemark_dks--notes-2col.pdf |")

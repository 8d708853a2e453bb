"""The package tree is the architecture: few modules at the top, no import cycles, no machine paths."""
from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "pipeline"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py")}


def imported(path: Path, known: dict[str, Path]) -> set[str]:
    """Every pipeline module ``path`` imports, at module level or inside functions."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join(parts + ([node.module] if node.module else []))
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                out.add(sub if sub in known else base)
    return {m for m in out if m in known and m != name}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in graph:
        if v not in index:
            visit(v)
    return found


def test_at_most_eight_modules_at_the_top() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= 8, top


def test_no_import_cycles() -> None:
    known = modules()
    graph = {name: imported(path, known) for name, path in known.items()}
    assert cycles(graph) == []


def test_cycle_check_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_relative_and_function_level_imports_are_seen(tmp_path: Path) -> None:
    known = modules()
    edges = imported(PACKAGE / "__init__.py", known)
    assert "pipeline.store" in edges and "pipeline.compare.changes" in edges  # both imported inside functions


def test_base_modules_import_nothing_above_them() -> None:
    known = modules()
    base = {"pipeline.models", "pipeline.errors", "pipeline.config", "pipeline.schema", "pipeline.limits",
            "pipeline.values"}
    for name in base & known.keys():
        assert imported(known[name], known) <= base, name


MACHINE_PATH = re.compile(r"""["'](/(?:work|home|root|Users|mnt|opt|srv)/[^"']*)["']""")


def test_no_machine_paths_in_code_or_tests() -> None:
    hits = []
    for folder in ("pipeline", "tests", "flows", "benchmarks"):
        for path in (ROOT / folder).rglob("*.py"):
            hits += [f"{path.relative_to(ROOT)}: {m}" for m in MACHINE_PATH.findall(path.read_text(encoding="utf-8"))]
    assert hits == []


def test_readme_links_the_projects_own_docs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "../shared" not in readme
    links = re.findall(r"\]\((docs/[^)]+\.md)", readme)
    assert links and all((ROOT / link).is_file() for link in links)

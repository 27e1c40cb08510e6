"""Fail when the project's modules import each other in a circle.

    .venv/bin/python scripts/check_imports.py      (make lint; CI)

Builds the import graph with grimp (import-linter's engine), leaving out imports made
only for type checking, and reports every strongly connected group of modules: two
modules that reach each other through imports, directly or through others. The
one-way layering between apps is import-linter's contract in pyproject.toml."""

import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = (
    "conflictmap",
    "events",
    "places",
    "control",
    "maps",
    "ingest",
    "interchange",
)


def cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Tarjan's strongly connected components of size > 1 (iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    imported = graph.find_modules_directly_imported_by(child)
                    work.append((child, iter(sorted(imported))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        found.append(sorted(group))
    return found


def main() -> int:
    sys.path.insert(0, str(ROOT))
    graph = grimp.build_graph(
        *PACKAGES, include_external_packages=False, exclude_type_checking_imports=True
    )
    groups = cycles(graph)
    for group in groups:
        sys.stdout.write("import circle: " + " <-> ".join(group) + "\n")
        for module in group:
            inside = graph.find_modules_directly_imported_by(module) & set(group)
            for other in sorted(inside):
                sys.stdout.write(f"    {module} imports {other}\n")
    modules = len(graph.modules)
    sys.stdout.write(f"{modules} modules, {len(groups)} import circle(s)\n")
    return 1 if groups else 0


if __name__ == "__main__":
    sys.exit(main())

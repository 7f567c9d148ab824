"""The house's rooms: the apps stand in an order, a lower app never imports a higher one, no cycle, and no import of
the project's own code hides inside a function (docs/ARCHITECTURE.md, "The order of the apps").

The graph is read from the source with `ast`, every import counted wherever it sits. The allow-lists hold the
violations that were there when this test was written; they may only shrink: an entry that is no longer needed fails
the test too, so that it is taken off.
"""
import ast
from collections import defaultdict
from pathlib import Path

import mandate

SOURCE = Path(mandate.__file__).parent

# From the bottom up; apps on one line are siblings (each may read the others as long as no cycle forms). The apps to
# come (personnel, inspections, reviews) have their places already.
ORDER = [
    ("core",),
    ("web",),
    ("audit",),
    ("orgs",),
    ("accounts",),
    ("documents",),
    ("tasks",),
    ("personnel",),
    ("reorganizations",),
    ("reports",),
    ("inspections",),
    ("monitoring", "meetings", "ingest", "sheets"),
    ("reviews", "search"),
    ("inbox",),
    # The top: the project's own modules (settings, urls, the API and page lists) and the development tools.
    ("project", "demo", "benchmarks"),
]
RANK = {app: rank for rank, apps in enumerate(ORDER) for app in apps}

# (importing app, imported app) edges that go upward or close a cycle today.
ALLOWED_EDGES: set[tuple[str, str]] = set()

# (module, imported module) pairs of the project's own code imported inside a function today.
ALLOWED_NESTED: set[tuple[str, str]] = set()


def _app_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "mandate":
        return None
    if len(parts) == 1 or (SOURCE / parts[1]).is_file() or (SOURCE / f"{parts[1]}.py").is_file():
        return "project"
    return parts[1] if (SOURCE / parts[1]).is_dir() else "project"


def _imports():
    """(module, app, imported module, imported app, nested) for every import of the project's own code."""
    for path in sorted(SOURCE.rglob("*.py")):
        relative = path.relative_to(SOURCE.parent).with_suffix("")
        module = ".".join(relative.parts).removesuffix(".__init__")
        app = _app_of(module)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        nested = set()
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                nested.update(id(inner) for inner in ast.walk(node) if inner is not node)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                # A relative import stays inside its own package, so inside its app.
                names = [node.module] if node.module and not node.level else []
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                target = _app_of(name)
                if target is not None:
                    yield module, app, name, target, id(node) in nested


def _edges() -> dict[tuple[str, str], set[str]]:
    edges = defaultdict(set)
    for module, app, name, target, _ in _imports():
        if app != target:
            edges[(app, target)].add(f"{module} → {name}")
    return edges


def _cycle_edges(edges) -> set[tuple[str, str]]:
    """Every edge that lies on a cycle of the app graph (both ends in one strongly connected component)."""
    graph = defaultdict(set)
    for source, target in edges:
        graph[source].add(target)
    index, low, stack, on_stack, components, counter = {}, {}, [], set(), {}, [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for successor in graph[node]:
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            while True:
                member = stack.pop()
                on_stack.discard(member)
                components[member] = node
                if member == node:
                    break

    for node in list(graph):
        if node not in index:
            visit(node)
    return {(s, t) for s, t in edges if components.get(s) == components.get(t)}


def test_every_app_has_its_place_in_the_order():
    apps = {path.name for path in SOURCE.iterdir() if path.is_dir() and (path / "__init__.py").exists()}
    assert apps - set(RANK) == set(), "add the new app to ORDER here and in docs/ARCHITECTURE.md"


def test_no_app_imports_a_higher_one_and_no_cycle_forms():
    edges = _edges()
    upward = {edge for edge in edges if RANK[edge[1]] > RANK[edge[0]]}
    bad = upward | _cycle_edges(edges)
    unexpected = {edge: sorted(edges[edge])[:3] for edge in bad - ALLOWED_EDGES}
    assert unexpected == {}
    assert ALLOWED_EDGES - bad == set(), "these edges are gone: take them off ALLOWED_EDGES"


def test_no_import_of_the_projects_own_code_hides_inside_a_function():
    # A migration's functions may import the code they run (it is frozen history, read only when it is applied).
    nested = {(module, name) for module, _, name, _, inside in _imports() if inside and ".migrations." not in module}
    assert nested - ALLOWED_NESTED == set()
    assert ALLOWED_NESTED - nested == set(), "these are gone: take them off ALLOWED_NESTED"


def test_the_graph_is_read_from_the_source():
    """The reader itself: it sees an import everyone knows is there, and an upward edge once written."""
    edges = _edges()
    assert ("tasks", "orgs") in edges and ("orgs", "core") in edges
    assert _cycle_edges({("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")}) == {("a", "b"), ("b", "c"), ("c", "a")}

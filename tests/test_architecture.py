"""The package's shape: one direction of dependency, no import circles, click only in cli/, an
analysis layer that opens no file, small modules, and a command line that starts without pandas."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "rendementsmeter"

#: Layer order, low to high. A module may import from its own layer or a lower one, never a higher one.
#: read and template are siblings on one level: neither imports the other.
LAYERS = {
    "core": 0,
    "spec": 1,
    "pricing": 2,
    "read": 3,
    "template": 3,
    "review": 4,
    "analysis": 5,
    "report": 6,
    "api": 7,
    "app": 8,
    "cli": 9,
}
MAX_LINES = 400
HEAVY = ("pandas", "numpy", "pyarrow", "duckdb")


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _layer(module: str) -> str | None:
    parts = module.split(".")
    if len(parts) == 1:
        return None  # `rendementsmeter` itself: the lazy public names
    return "cli" if parts[1] == "__main__" else parts[1]


def _type_checking_lines(tree: ast.Module) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def _imports(module: str, path: Path) -> list[tuple[str, int, bool]]:
    """(imported module of this package, line, at run time) for every import, also inside functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = _type_checking_lines(tree)
    is_pkg = path.name == "__init__.py"
    found = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if is_pkg else module.split(".")[:-1]
                base = base[: len(base) - node.level + 1]
                full = ".".join(base + ([node.module] if node.module else []))
            else:
                full = node.module or ""
            subs = [f"{full}.{a.name}" for a in node.names if f"{full}.{a.name}" in MODULES]
            # `from package import submodule`: an edge to the submodule (the package runs first anyway)
            names = subs if subs and len(subs) == len(node.names) else [full, *subs]
        for name in names:
            if name.split(".")[0] == "rendementsmeter" and name in MODULES:
                found.append((name, node.lineno, node.lineno not in typing_only))
    return found


def _third_party(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            out.add(node.module.split(".")[0])
    return out


def test_every_module_belongs_to_a_layer():
    unknown = [m for m in MODULES if _layer(m) is not None and _layer(m) not in LAYERS]
    assert unknown == []


def test_no_import_runs_back_up_the_layers():
    wrong = []
    for module, path in MODULES.items():
        source = _layer(module)
        if source is None:
            continue
        for target, line, _ in _imports(module, path):
            dest = _layer(target)
            if dest is None or dest == source:
                continue
            if LAYERS[dest] >= LAYERS[source]:
                wrong.append(f"{module}:{line} imports {target}")
    assert wrong == []


def test_no_import_circles_even_through_imports_inside_functions():
    graph = {m: {t for t, _, runtime in _imports(m, p) if runtime and t != m} for m, p in MODULES.items()}
    graph["rendementsmeter"] = set()  # the package's lazy names (importlib) are no static edge
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
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
            # a package's __init__ importing its own submodules is no circle of concern
            if len(component) > 1:
                circles.append(sorted(component))

    for v in graph:
        if v not in index:
            visit(v)
    assert circles == []


def test_only_the_command_line_imports_click():
    users = [m for m, p in MODULES.items() if "click" in _third_party(p) and _layer(m) != "cli"]
    assert users == []


def test_the_analysis_layer_opens_no_file():
    """Rules, price lists and reviews are passed in, already read."""
    forbidden_calls = {"open", "read_text", "read_bytes", "read_csv", "read_parquet", "read_excel", "load_prijslijst",
                       "load_plausibiliteit", "read_cases", "read_reviews", "scandir", "listdir"}  # fmt: skip
    found = []
    for module, path in MODULES.items():
        if _layer(module) != "analysis":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                f = node.func
                name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
                if name in forbidden_calls:
                    found.append(f"{module}:{node.lineno} {name}()")
        for target, line, _ in _imports(module, path):
            if _layer(target) == "read":
                found.append(f"{module}:{line} imports {target}")
    assert found == []


def test_modules_are_small_enough_to_read_in_one_sitting():
    long = {m: n for m, p in MODULES.items() if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


@pytest.mark.parametrize(
    "args",
    [["--help"], ["template", "-o", "{tmp}/casus.xlsx"], ["check", "{voorbeeld}/ouderen-01.xlsx"]],
    ids=["help", "template", "check"],
)
def test_start_up_commands_load_no_pandas_numpy_or_pyarrow(args, tmp_path):
    voorbeeld = Path(__file__).parents[1] / "cases" / "voorbeeld"
    argv = [a.format(tmp=tmp_path, voorbeeld=voorbeeld) for a in args]
    code = (
        "import sys\n"
        "from rendementsmeter.cli import main\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit as exc:\n"
        "    code = exc.code\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules), code)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    loaded, exit_code = out.strip().splitlines()[-1].rsplit(" ", 1)
    assert (loaded, exit_code) == ("[]", "0")


def test_core_and_spec_load_no_heavy_library_at_import():
    """The bottom layers are imported by every command, --help included: pandas, numpy, pyarrow and
    DuckDB only inside a function there (a pooled export's LineColumns holds numpy arrays without it)."""
    found = []
    for module, path in MODULES.items():
        if _layer(module) not in ("core", "spec"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            found += [f"{module}: {n}" for n in names if n.split(".")[0] in HEAVY]
    assert found == []

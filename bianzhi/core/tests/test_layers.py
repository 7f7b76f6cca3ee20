"""The layers hold: apps import only downward (import-linter contracts in pyproject.toml, also run by
`make lint`), our own modules are imported at module level, and nothing pretends an app of ours is optional."""
import ast
import pathlib
import shutil
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
PACKAGE = ROOT / "bianzhi"
LINT_IMPORTS = pathlib.Path(sys.executable).with_name("lint-imports")


def _lint(cwd: pathlib.Path) -> subprocess.CompletedProcess:
    if not LINT_IMPORTS.exists():
        pytest.skip("lint-imports 未安装（pip install -e '.[test]'）")
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=cwd, capture_output=True, text=True,
                          env={"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin"}, timeout=300)


def test_the_contracts_are_kept():
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize("importer, imported", [
    ("bianzhi/core/probe.py", "from bianzhi.workflow import models"),          # core imports an app
    ("bianzhi/registry/probe.py", "from bianzhi.sanding import services"),     # a lower app imports a higher one
])
def test_an_upward_import_breaks_the_build(tmp_path, importer, imported):
    """A copy of the package with one deliberate upward import: the same contracts fail on it."""
    shutil.copytree(PACKAGE, tmp_path / "bianzhi", ignore=shutil.ignore_patterns(
        "__pycache__", "*.png", "*.pdf", "*.docx", "*.xlsx", "*.js", "*.css", "templates", "static"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / importer).write_text(imported + "\n")
    result = _lint(tmp_path)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout or "broken" in result.stdout


def _python_files():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if "/tests/" not in rel and "/migrations/" not in rel:
            yield rel, ast.parse(path.read_text(encoding="utf-8"))


def test_own_modules_are_imported_at_module_level():
    """Function-level imports hid import cycles; the only ones left are in AppConfig.ready (Django needs the
    app registry before models can be imported there)."""
    found = []
    for rel, tree in _python_files():
        if rel.endswith("/apps.py"):
            continue
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for sub in ast.walk(node):
                    if isinstance(sub, ast.ImportFrom) and (sub.level or (sub.module or "").startswith("bianzhi")):
                        found.append(f"{rel}:{sub.lineno}")
                    elif isinstance(sub, ast.Import) and any(a.name.startswith("bianzhi") for a in sub.names):
                        found.append(f"{rel}:{sub.lineno}")
    assert found == []


def _imports_our_code(nodes) -> bool:
    for node in nodes:
        for sub in ast.walk(node):
            if isinstance(sub, ast.ImportFrom) and (sub.level or (sub.module or "").startswith("bianzhi")):
                return True
            if isinstance(sub, ast.Import) and any(a.name.startswith("bianzhi") for a in sub.names):
                return True
    return False


def test_no_app_of_ours_is_treated_as_optional():
    """`try: import our app / except ImportError` and `import_module` made installed apps look optional and hid
    cycles. (Optional third-party wheels may still be probed.)"""
    found = []
    for rel, tree in _python_files():
        for node in ast.walk(tree):
            if isinstance(node, ast.Try) and _imports_our_code(node.body):
                for handler in node.handlers:
                    names = {n.id for n in ast.walk(handler.type) if isinstance(n, ast.Name)} if handler.type else {"*"}
                    if names & {"ImportError", "ModuleNotFoundError", "*", "Exception"}:
                        found.append(f"{rel}:{node.lineno}")
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "import_module":
                found.append(f"{rel}:{node.lineno}")
    assert found == []

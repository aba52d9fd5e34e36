"""requirements.in names what the app's code imports, and requirements.txt pins all of it."""

import ast
import importlib.metadata
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
#: Not the app: test and benchmark tools come from requirements-dev.txt.
NOT_THE_APP = {"tests", "bench", ".venv", "node_modules"}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def direct_requirements() -> set[str]:
    lines = (line.split("#")[0].strip() for line in (REPO / "requirements.in").read_text().splitlines())
    return {canonical(line) for line in lines if line}


def imported_top_level_modules() -> set[str]:
    modules = set()
    for path in REPO.rglob("*.py"):
        if NOT_THE_APP & set(path.relative_to(REPO).parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    return modules


def test_direct_requirements_are_pinned():
    pinned = {canonical(line.split("==")[0]) for line in (REPO / "requirements.txt").read_text().splitlines()
              if "==" in line}
    assert sorted(direct_requirements() - pinned) == []


def test_every_package_the_app_imports_is_a_direct_requirement():
    ours = {path.stem for path in REPO.iterdir() if path.suffix == ".py" or (path / "__init__.py").exists()}
    third_party = imported_top_level_modules() - set(sys.stdlib_module_names) - ours - {"__future__"}
    distributions = importlib.metadata.packages_distributions()
    needed = {canonical(dist) for module in third_party for dist in distributions.get(module, [module])}
    assert sorted(needed - direct_requirements()) == []

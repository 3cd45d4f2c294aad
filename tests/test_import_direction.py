"""Imports point one way: core.model ← core.calc ← core.law ← core (analyze, derive, plan) ← intake/documents/
explain ← cli.

Every ``import`` and ``from … import`` in src/levynav (at module level or inside a function, the lazy ones too) is
read with ``ast``; an arrow from a lower layer to a higher one fails. The law data (parameters, citations, the
``Law`` bundle) sits with the model at the bottom: every layer may read it. The bundle is built outside the core
(``levynav.lawbook``, with the adapters), and nothing under core/ imports a module that reads files, the
environment or a data format (yaml, os, importlib, csv, json).
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).parent.parent / "src" / "levynav"

# (prefix, layer): the longest matching prefix decides. Lower numbers are lower layers.
LAYERS: tuple[tuple[str, int], ...] = (
    ("levynav.core.model", 0),
    ("levynav.core.params", 0),
    ("levynav.core.lawdata", 0),
    ("levynav.core.law.registry", 0),  # the citation registry: law data, read by calc and law alike
    ("levynav.__version__", 0),
    ("levynav.core.calc", 1),
    ("levynav.core.law", 2),
    ("levynav.core.analyze", 3),
    ("levynav.core.derive", 3),
    ("levynav.core.plan", 3),
    ("levynav.intake", 4),
    ("levynav.documents", 4),
    ("levynav.explain", 4),  # the renderers (issue 10's explain/ package) sit with the documents
    ("levynav.lawbook", 4),  # builds the Law bundle from the data files (ADR 0013): an adapter, above the core
    ("levynav.core", 3),
    ("levynav.cli", 5),  # the command line, one module per command group
    ("levynav", 5),  # the package's front door re-exports analyze and load_case
)
NAMES = {0: "model/law data", 1: "calc", 2: "law", 3: "core", 4: "intake/documents/explain", 5: "cli"}


def layer(module: str) -> int:
    best = max(
        (p for p, _ in LAYERS if module == p or module.startswith(p + ".") or module.startswith(p + "_")), key=len
    )
    return dict(LAYERS)[best]


def module_name(file: Path) -> str:
    parts = list(file.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def targets(tree: ast.AST, here: str, is_package: bool) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names if a.name.startswith("levynav")]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative import
                pkg = here.split(".") if is_package else here.split(".")[:-1]
                pkg = pkg[: len(pkg) - (node.level - 1)]
                base = ".".join(pkg + ([base] if base else []))
            if not base.startswith("levynav"):
                continue
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                # ``from levynav.core.law import rule`` imports the module levynav.core.law.rule;
                # ``from levynav.core.law.rule import Rule`` imports from levynav.core.law.rule
                is_module = (SRC.parent / Path(*candidate.split("."))).with_suffix(".py").is_file() or (
                    SRC.parent / Path(*candidate.split("."))
                ).is_dir()
                out.append((node.lineno, candidate if is_module or alias.name == "__version__" else base))
    return out


def arrows_against_the_direction() -> list[str]:
    bad = []
    for file in sorted(SRC.rglob("*.py")):
        here = module_name(file)
        mine = layer(here)
        tree = ast.parse(file.read_text(encoding="utf-8"))
        for line, target in targets(tree, here, file.name == "__init__.py"):
            theirs = layer(target)
            if theirs > mine:
                where = f"{file.relative_to(SRC)}:{line}"
                bad.append(f"{where} ({NAMES[mine]}) imports {target} ({NAMES[theirs]})")
    return bad


def test_every_module_has_a_layer() -> None:
    for file in SRC.rglob("*.py"):
        assert layer(module_name(file)) in NAMES


def test_imports_point_down_the_layers() -> None:
    bad = arrows_against_the_direction()
    assert not bad, "imports against the direction model ← calc ← law ← core ← adapters ← cli:\n" + "\n".join(bad)


def test_the_checker_sees_a_wrong_arrow() -> None:
    """The checker itself: a calc module importing the rules, lazily inside a function, is caught."""
    tree = ast.parse("def f():\n    from levynav.core.law.rule import Rule\n")
    found = targets(tree, "levynav.core.calc.example", False)
    assert found == [(2, "levynav.core.law.rule")]
    assert layer(found[0][1]) > layer("levynav.core.calc.example")


def test_documents_render_the_record_and_never_run_the_core_again() -> None:
    """documents/ reads an Analysis: it imports neither analyze, derive nor a rule module (the citation registry,
    law data, is allowed)."""
    bad = []
    for file in sorted((SRC / "documents").rglob("*.py")):
        tree = ast.parse(file.read_text(encoding="utf-8"))
        for line, target in targets(tree, module_name(file), file.name == "__init__.py"):
            if target in {"levynav.core.analyze", "levynav.core.derive"} or (layer(target) == 2):
                bad.append(f"{file.relative_to(SRC)}:{line} imports {target}")
    assert not bad, "\n".join(bad)


def test_the_core_imports_nothing_outside_the_core() -> None:
    """DESIGN §4: everything under levynav/core/ imports only levynav.core.* (and the package version)."""
    bad = []
    for file in sorted((SRC / "core").rglob("*.py")):
        tree = ast.parse(file.read_text(encoding="utf-8"))
        for line, target in targets(tree, module_name(file), file.name == "__init__.py"):
            if not (target.startswith("levynav.core") or target == "levynav.__version__"):
                bad.append(f"{file.relative_to(SRC)}:{line} imports {target}")
    assert not bad, "the core reaches outside itself:\n" + "\n".join(bad)


# standard-library and third-party modules that read files, the environment or a data format: the core gets its
# data from the Law bundle instead (ADR 0013)
READERS = ("os", "io", "yaml", "importlib", "csv", "json", "pickle", "shelve", "sqlite3", "glob", "shutil", "tempfile")


def imported_modules(tree: ast.AST) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            out.append((node.lineno, node.module))
    return out


def test_the_core_imports_no_file_environment_or_format_reader() -> None:
    """Nothing under core/ imports os, yaml, importlib (resources), csv, json or another reader, at module level
    or lazily: the law data reaches the core only as the Law bundle (ADR 0013)."""
    bad = []
    for file in sorted((SRC / "core").rglob("*.py")):
        for line, name in imported_modules(ast.parse(file.read_text(encoding="utf-8"))):
            if name.split(".")[0] in READERS:
                bad.append(f"{file.relative_to(SRC)}:{line} imports {name}")
    assert not bad, "the core imports a reader of files or the environment:\n" + "\n".join(bad)


def test_the_reader_check_sees_a_lazy_import() -> None:
    tree = ast.parse("def f():\n    import yaml\n    from importlib import resources\n    from os import environ\n")
    assert [n for _, n in imported_modules(tree)] == ["yaml", "importlib", "os"]


def test_the_folders_have_no_grab_bag_names() -> None:
    """Modules are named for their legal question or job: no *_util, *_more, *_other, *_support, *_common, misc."""
    grab_bags = ("_util", "_utils", "_more", "_other", "_support", "_common", "_misc", "_helpers")
    bad = [
        str(f.relative_to(SRC))
        for f in SRC.rglob("*.py")
        if f.stem.endswith(grab_bags) or f.stem in {"common", "util", "utils", "misc", "helpers", "other"}
    ]
    assert not bad, "rename for the legal question or the job: " + ", ".join(sorted(bad))

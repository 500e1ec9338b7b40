"""The floors of the house (docs/architecture.md): an app imports only from lower floors.

Every `import` and `from … import` under src/kaimolink is read with `ast`, at any depth
(imports inside functions count too). A module of `kaimolink/<app>/…` may import its own app
and the apps of the floors below; never an app of its own floor or above, nor the site
modules (`kaimolink/urls.py`, `views.py`, …). The site modules, the roof, may import any app.
FLOORS is the one table of floors: docs/architecture.md explains it, and INSTALLED_APPS
lists the apps in this order.
"""

import ast
from pathlib import Path

from django.conf import settings

import kaimolink

# Bottom first. Apps on one floor are independent of each other.
FLOORS = [
    ["core"],  # territories, text, links, page cache, PDF base, mail, uploads, the design
    ["accounts"],  # people and roles; the registry of personal data
    ["credentials", "quizzes"],  # verifiable credentials; tests drawn from question banks
    ["actors"],  # the actors database
    ["notifications"],  # the post office
    ["moderation"],  # the report desk (tells people through notifications)
    ["events", "partnerships", "projects", "messaging", "consultations", "certification", "market"],
    # built on events; fairs on the market; tourism on actors
    ["discussions", "homework", "contactfair", "fairs", "tourism"],
    ["certificates"],  # built on events and homework
    ["indicators", "passport"],  # figures; the learning record, from the apps below
    ["desk"],  # the coordinator's desk: what needs them, from the apps' selectors
    ["api"],  # django-ninja routers over the apps' selectors and services
    ["demo"],  # the seed: demo and scale data of every app
]
FLOOR = {app: level for level, apps in enumerate(FLOORS) for app in apps}
PACKAGE = Path(kaimolink.__file__).resolve().parent
SITE = "(site)"  # kaimolink/*.py: settings, urls, views, cli, wsgi


def _app_of(module: str, root: Path) -> str | None:
    """The app of a dotted module name under kaimolink (SITE for the top modules)."""
    parts = module.split(".")
    if parts[0] != "kaimolink":
        return None
    if len(parts) > 1 and (root / parts[1]).is_dir():
        return parts[1]
    return SITE


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported_modules(path: Path, root: Path):
    """(line, dotted name) of everything the file imports, relative imports resolved."""
    module = _module_name(path, root)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            # `from kaimolink import views` imports kaimolink.views: name each imported name.
            for alias in node.names:
                yield node.lineno, f"{base}.{alias.name}"


def upward_imports(root: Path = PACKAGE) -> list[str]:
    """Every import that goes up (or sideways) a floor, as "file:line: app -> app (name)"."""
    found = []
    for path in sorted(root.rglob("*.py")):
        importer = _app_of(_module_name(path, root), root)
        if importer == SITE:
            continue
        for line, name in _imported_modules(path, root):
            imported = _app_of(name, root)
            if imported is None or imported == importer:
                continue
            where = f"{path.relative_to(root.parent)}:{line}: {importer} -> {imported} ({name})"
            if imported == SITE or importer not in FLOOR or imported not in FLOOR:
                found.append(where)
            elif FLOOR[imported] >= FLOOR[importer]:
                found.append(where)
    return sorted(found)


def test_no_app_imports_from_its_own_floor_or_above():
    assert upward_imports() == []


def test_every_app_has_a_floor():
    apps = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert apps - {"locale"} == set(FLOOR)


def test_installed_apps_are_in_floor_order():
    ours = [
        a.removeprefix("kaimolink.") for a in settings.INSTALLED_APPS if a.startswith("kaimolink.")
    ]
    assert sorted(ours) == sorted(FLOOR)
    assert [FLOOR[app] for app in ours] == sorted(FLOOR[app] for app in ours)


def test_an_upward_import_is_found(tmp_path):
    """The check itself: an import from above, even inside a function, is reported."""
    core = tmp_path / "kaimolink" / "core"
    core.mkdir(parents=True)
    (tmp_path / "kaimolink" / "__init__.py").write_text("")
    (core / "__init__.py").write_text("")
    (core / "bad.py").write_text(
        "def f():\n    from kaimolink.events.models import Event\n    return Event\n"
        "from ..actors import selectors\n"
    )
    for app in ("events", "actors"):
        (tmp_path / "kaimolink" / app).mkdir()
    assert upward_imports(tmp_path / "kaimolink") == [
        "kaimolink/core/bad.py:2: core -> events (kaimolink.events.models.Event)",
        "kaimolink/core/bad.py:4: core -> actors (kaimolink.actors.selectors)",
    ]

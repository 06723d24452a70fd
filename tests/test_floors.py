"""The floors of the house hold: no app names an app on a floor above it.

`lint-imports` (pyproject.toml's contract, run in CI) checks imports; this checks what it cannot see: a model
named by its label in a string ("departments.DepartmentPage"), `apps.get_model("departments", …)` and
`content_type__app_label="departments"`. A lower floor offers a hook instead, and the higher one registers.
"""

import ast
import re

import pytest
from django.conf import settings

# From the bottom up; apps on one floor do not name each other either (import-linter's "|" in pyproject.toml).
FLOORS = [
    ["citycomms"],
    ["contacts"],
    ["departments"],
    ["press", "newsroom", "search", "editorial", "announcements", "opendata"],
    ["demo", "website", "audit"],
]


def higher_apps(app):
    floor = next(index for index, apps in enumerate(FLOORS) if app in apps)
    return {other for apps in FLOORS[floor + 1 :] for other in apps} | set(FLOORS[floor]) - {app}


def sources(app):
    return [path for path in (settings.BASE_DIR / app).rglob("*.py") if "migrations" not in path.parts]


def labels_named(tree):
    """(line, label) for each app label the module names in a string that way."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            match = re.fullmatch(r"(\w+)\.[A-Z]\w*", node.value)
            if match:
                yield node.lineno, match.group(1)
        if isinstance(node, ast.Call):
            called = ast.unparse(node.func)
            if called.endswith("get_model") and node.args and isinstance(node.args[0], ast.Constant):
                yield node.lineno, str(node.args[0].value).split(".")[0]
            for keyword in node.keywords:
                if (keyword.arg or "").endswith("app_label") and isinstance(keyword.value, ast.Constant):
                    yield node.lineno, str(keyword.value.value)


@pytest.mark.parametrize("app", [app for apps in FLOORS for app in apps])
def test_no_app_names_an_app_above_it(app):
    above = higher_apps(app)
    assert sources(app), f"no source files found for {app}"
    named = [
        f"{path.relative_to(settings.BASE_DIR)}:{line} names {label}"
        for path in sources(app)
        for line, label in labels_named(ast.parse(path.read_text(), filename=str(path)))
        if label in above
    ]
    assert named == []


def test_the_check_finds_a_label_in_a_string():
    """A positive control: the check sees each way of naming a model."""
    tree = ast.parse(
        'apps.get_model("departments", "PageContact")\n'
        'x = "departments.DepartmentPage"\n'
        'Page.objects.filter(content_type__app_label="press")\n'
    )
    assert sorted(labels_named(tree)) == [(1, "departments"), (2, "departments"), (3, "press")]
    assert "departments" in higher_apps("contacts") and "contacts" not in higher_apps("departments")

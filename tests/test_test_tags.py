"""Every test class of the addons runs post-install, under both runners.

Odoo's runner (``--test-tags``, as OCA's CI runs it) runs a class without
``@tagged("post_install", "-at_install")`` while the module is loaded, before
the modules after it in the graph: purchase's company fields, say, are not in
the registry yet. pytest-odoo runs it on the full registry, so a class that
lacks the tag passes there and fails there."""

import ast
from pathlib import Path

ADDONS = Path(__file__).resolve().parent.parent / "addons"


def _post_install(decorator):
    return (
        isinstance(decorator, ast.Call)
        and getattr(decorator.func, "id", None) == "tagged"
        and {"post_install", "-at_install"}
        <= {arg.value for arg in decorator.args if isinstance(arg, ast.Constant)}
    )


def test_every_test_class_is_post_install():
    untagged = [
        f"{path.relative_to(ADDONS)}:{node.name}"
        for path in sorted(ADDONS.glob("*/tests/test_*.py"))
        for node in ast.parse(path.read_text(encoding="utf-8")).body
        if isinstance(node, ast.ClassDef)
        and node.name.startswith("Test")
        and not any(map(_post_install, node.decorator_list))
    ]
    assert untagged == []

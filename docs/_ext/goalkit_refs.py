"""Resolve cross-references to goalkit names by the object they name.

goalkit re-exports its public names: ``goalkit.Plan`` is ``goalkit.plan.Plan``,
``goalkit.scoring.ScoringRules`` is ``goalkit.scoring.rules.ScoringRules``. The
docs and docstrings refer to names by the short paths users import, but Sphinx
documents each object once, under the module that defines it. When Sphinx cannot
find a reference, this extension imports what the reference names and points it
at the place that object is documented.

A bare name is first read as the current module sees it (``check`` in
:mod:`goalkit.checks` is the function it re-exports). Otherwise it resolves when
exactly one documented goalkit object ends with it (``Status.NO_DATA``), or when
one of those is shallower than all the others (a constant that is also
documented as an enum member).

With ``nitpicky`` on (see ``conf.py``), any reference into goalkit that still
does not resolve fails the ``-W`` build.
"""

from __future__ import annotations

import importlib
from typing import Any

from docutils.nodes import Element, TextElement
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

_MISSING = object()


def _follow(path: str) -> object:
    """The object a dotted path names, importing its longest module prefix."""
    parts = path.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            found: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for part in parts[cut:]:
            found = getattr(found, part, _MISSING)
            if found is _MISSING:
                return _MISSING
        return found
    return _MISSING


def _defined_name(path: str) -> str | None:
    """Where the class or function a path passes through is defined, plus the rest of the path."""
    parts = path.split(".")
    best = None
    for cut in range(1, len(parts) + 1):
        found = _follow(".".join(parts[:cut]))
        if found is _MISSING:
            break
        module = getattr(found, "__module__", None)
        qualname = getattr(found, "__qualname__", None)
        if isinstance(module, str) and module.startswith("goalkit") and isinstance(qualname, str):
            best = ".".join([module, qualname, *parts[cut:]])
    return best


def _documented(objects: dict[str, Any], target: str) -> str | None:
    """The one documented goalkit name that ``target`` names, if there is exactly one."""
    if target in objects:
        return target
    if target.startswith("goalkit."):
        defined = _defined_name(target)
        if defined in objects:
            return defined
        wanted = _follow(target)
        tail = "." + target.rsplit(".", 1)[-1]
        same = [
            name
            for name in objects
            if name.endswith(tail) and wanted is not _MISSING and _follow(name) is wanted
        ]
    else:
        same = [
            name for name in objects if name.startswith("goalkit.") and name.endswith("." + target)
        ]
    # An object documented twice (a module constant that is also an enum member)
    # is linked where it is shallowest.
    same.sort(key=lambda name: name.count("."))
    if len(same) == 1 or (same and same[0].count(".") < same[1].count(".")):
        return same[0]
    return None


def _resolve(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: TextElement
) -> Element | None:
    if node.get("refdomain") != "py":
        return None
    domain = env.get_domain("py")
    objects = domain.objects  # type: ignore[attr-defined]
    wanted = node["reftarget"]
    module = node.get("py:module")
    # A bare name first means the name as the current module sees it (its imports included).
    tries = (
        [f"{module}.{wanted}", wanted] if module and not wanted.startswith("goalkit") else [wanted]
    )
    target = next((found for name in tries if (found := _documented(objects, name))), None)
    if target is None or target == wanted:
        return None
    return domain.resolve_xref(
        env, node["refdoc"], app.builder, node["reftype"], target, node, contnode
    )


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the resolver (Sphinx calls this when it loads the extension)."""
    app.connect("missing-reference", _resolve)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

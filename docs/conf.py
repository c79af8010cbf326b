"""Sphinx configuration for goalkit's documentation."""

from __future__ import annotations

import enum
import os
import sys
from pathlib import Path
from typing import Any

import goalkit

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "goalkit"
author = "The goalkit developers"
copyright = "2026, The goalkit developers"
release = goalkit.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.intersphinx",
    "sphinx.ext.doctest",
    "sphinx.ext.viewcode",
    "goalkit_refs",
]

# Every cross-reference into goalkit must resolve (goalkit_refs maps re-exported
# names such as goalkit.Plan to where they are documented). References to
# Python, attrs, hypothesis and the like resolve only with intersphinx (below),
# so without it they are let through.
nitpicky = True
nitpick_ignore_regex = [
    ("py:.*", r"(?!goalkit\b)[\w.]*\.[\w.]+"),  # qualified names outside goalkit
    ("py:mod", r"(?!goalkit\b)\w+"),  # json, timeit, cattrs, ...
    ("py:.*", r"date|datetime|int|float|str|bool|object|Decimal|Fraction|eval|exec|compile"),
    ("py:class", r"goalkit(\.\w+)*\.T"),  # type variables in signatures
]
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_typehints_format = "short"
autodoc_default_options = {"members": True, "show-inheritance": True}
autodoc_preserve_defaults = True
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = False
napoleon_attr_annotations = True

# Cross-links to Python, attrs and dateutil need their inventories from the web.
# CI builds offline with -W, so they are switched on only where asked for:
#     GOALKIT_INTERSPHINX=1 sphinx-build -W -b html docs docs/_build/html
intersphinx_mapping = (
    {
        "python": ("https://docs.python.org/3", None),
        "attrs": ("https://www.attrs.org/en/stable/", None),
        "dateutil": ("https://dateutil.readthedocs.io/en/stable/", None),
    }
    if os.environ.get("GOALKIT_INTERSPHINX") == "1"
    else {}
)

html_theme = "furo"
html_title = "goalkit"
html_static_path = ["_static"]
exclude_patterns = ["_build"]


def _document_enum_members(  # noqa: PLR0917 - the signature of Sphinx's event
    app: object, what: str, name: str, obj: object, skip: bool, options: object
) -> bool | None:
    """Show every member of a goalkit enum, though members have no docstrings of their own."""
    if what == "class" and isinstance(obj, enum.Enum):
        return False
    return None


def setup(app: Any) -> None:
    """Connect the handlers above (Sphinx calls this for conf.py as for an extension)."""
    app.connect("autodoc-skip-member", _document_enum_members)

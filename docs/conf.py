"""Sphinx configuration for goalkit's documentation."""

from __future__ import annotations

import os

import goalkit

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
]

nitpicky = False
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_typehints_format = "short"
autodoc_default_options = {"members": True, "show-inheritance": True}
autodoc_preserve_defaults = True
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = True
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

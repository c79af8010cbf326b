"""Optional dependencies (pandas, matplotlib), imported only when needed (private)."""

from __future__ import annotations

import importlib
from types import ModuleType

from goalkit.exceptions import MissingDependencyError

__all__ = ["MissingDependencyError", "require"]


def require(module: str, *, extra: str, feature: str) -> ModuleType:
    """Import ``module`` or explain how to install it.

    >>> require("json", extra="none", feature="this example").__name__
    'json'
    >>> require("not_a_real_module_xyz", extra="plot", feature="plots")
    Traceback (most recent call last):
    ...
    goalkit.exceptions.MissingDependencyError: plots need not_a_real_module_xyz, which is not installed: pip install "goalkit-okr[plot]"
    """  # noqa: E501 - a doctest's expected output is one line
    try:
        return importlib.import_module(module)
    except ImportError as error:
        top = module.split(".", 1)[0]
        msg = f'{feature} need {top}, which is not installed: pip install "goalkit-okr[{extra}]"'
        raise MissingDependencyError(msg) from error

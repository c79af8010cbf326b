"""The public API: what goalkit exports is importable and documented."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import subprocess
import sys
from types import ModuleType

import pytest

import goalkit


def _public_modules() -> list[ModuleType]:
    names = [
        info.name
        for info in pkgutil.walk_packages(goalkit.__path__, prefix="goalkit.")
        if not any(part.startswith("_") for part in info.name.split("."))
    ]
    return [goalkit, *(importlib.import_module(name) for name in sorted(names))]


MODULES = _public_modules()


class TestPublicAPI:
    def test_top_level_names_resolve(self) -> None:
        """Every name in goalkit.__all__ exists, once."""
        assert [] == [name for name in goalkit.__all__ if not hasattr(goalkit, name)]
        assert len(goalkit.__all__) == len(set(goalkit.__all__))

    @pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
    def test_module_is_documented(self, module: ModuleType) -> None:
        """Every public module has a docstring."""
        assert (module.__doc__ or "").strip()

    @pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
    def test_public_classes_and_functions_are_documented(self, module: ModuleType) -> None:
        """Every class and function a module exports has a docstring of its own."""
        exported = getattr(module, "__all__", [])
        undocumented = [
            name
            for name in exported
            if (inspect.isclass(obj := getattr(module, name)) or inspect.isfunction(obj))
            and not (obj.__doc__ or "").strip()
        ]
        assert [] == undocumented

    def test_import_needs_no_optional_dependency(self) -> None:
        """Importing goalkit loads neither hypothesis, pandas nor matplotlib."""
        code = (
            "import sys, goalkit; "
            "print(sorted(m for m in ('hypothesis', 'pandas', 'matplotlib') if m in sys.modules))"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert "[]" == result.stdout.strip()

"""Metric formulas as parsed SQL: the only package that imports sqlglot.

sqlglot costs about 0.1 s to import, which a pre-commit run should not pay for
formulas that did not change; a warm lint run never imports it. So:

- ``dialects``, ``formula`` and ``analysis`` are imported with this package
  (lint's rules need them at start-up) and import sqlglot inside functions only.
  ``analysis`` keeps what lint needs of a formula in ``~/.cache/govern``.
- ``ratio``, ``operators``, ``normal``, ``comparison`` and ``substitution``
  import sqlglot at the top, and are imported only when used: from inside a
  function, or by ``__getattr__`` below on the first use of a name they hold.

Callers write ``from govern import sql`` and ``sql.<name>``; nothing outside
this package imports its modules.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from govern.sql.analysis import Analysis, analyze, known_dialect
from govern.sql.dialects import dialect_names
from govern.sql.formula import Column, Formula, parse

if TYPE_CHECKING:
    from govern.sql.comparison import Difference, Part, difference
    from govern.sql.normal import Normal, normalize, same_formula
    from govern.sql.ratio import is_division
    from govern.sql.substitution import substitute

__all__ = [
    "Analysis",
    "Column",
    "Difference",
    "Formula",
    "Normal",
    "Part",
    "analyze",
    "dialect_names",
    "difference",
    "is_division",
    "known_dialect",
    "normalize",
    "parse",
    "same_formula",
    "substitute",
]

# The names of the modules that import sqlglot, by the module that holds them.
# No module is named after a name it holds: importing a submodule sets it as an
# attribute of the package, which would hide the function of the same name.
_LAZY = {
    "Difference": "comparison",
    "Part": "comparison",
    "difference": "comparison",
    "Normal": "normal",
    "normalize": "normal",
    "same_formula": "normal",
    "is_division": "ratio",
    "substitute": "substitution",
}

if not TYPE_CHECKING:  # hidden from mypy, which checks every name against the imports above

    def __getattr__(name: str) -> Any:
        module = _LAZY.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
        globals()[name] = value  # found directly from now on
        return value

"""What a rule is: a code that never changes, a readable name, a default
severity, documentation with a failing and a passing example, and a pure
function from the catalog to problems. Rules do no I/O."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from govern.catalog import Catalog
from govern.config import Config
from govern.findings import Problem, Severity


@dataclass(frozen=True)
class Context:
    """What a rule may look at: the catalog and the configuration."""

    catalog: Catalog
    config: Config


Check = Callable[[Context], Iterable[Problem]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    family: str
    doc: str
    check: Check | None  # None: checked by the loader while reading files
    aliases: tuple[str, ...] = field(default=())

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0].strip()

    def example(self, heading: str) -> str:
        """The code block under ``Fails:`` or ``Passes:`` in the docstring."""
        lines = self.doc.splitlines()
        try:
            start = next(i for i, t in enumerate(lines) if t.strip() == f"{heading}:")
        except StopIteration:
            return ""
        block: list[str] = []
        for text in lines[start + 1 :]:
            if text.strip() and not text[0].isspace():
                break  # the next heading: examples are indented blocks
            block.append(text)
        return inspect.cleandoc("\n".join(block)).strip("\n")

    @property
    def explanation(self) -> str:
        """The docstring between the summary and the examples."""
        body = inspect.cleandoc(self.doc).split("\n", 1)
        text = body[1] if len(body) > 1 else ""
        for heading in ("Fails:", "Passes:"):
            text = text.split(f"\n{heading}")[0]
        return text.strip()


def rule(
    code: str,
    name: str,
    severity: Severity,
    *,
    family: str,
    aliases: tuple[str, ...] = (),
) -> Callable[[Check], Rule]:
    """Declare a rule; the decorated function's docstring is its documentation."""

    def wrap(check: Check) -> Rule:
        return Rule(
            code, name, severity, family, inspect.cleandoc(check.__doc__ or ""), check, aliases
        )

    return wrap


def loader_rule(code: str, name: str, severity: Severity, doc: str, *, family: str) -> Rule:
    """A rule the loader checks while it reads bytes and YAML (no catalog pass)."""
    return Rule(code, name, severity, family, inspect.cleandoc(doc), None)

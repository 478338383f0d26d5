"""``govern rules`` and ``govern explain CODE``: the rule registry, documented
(``reporters/rule_docs.py`` writes a rule's page and the JSON,
``reporters/text/rules.py`` the text)."""

from __future__ import annotations

import difflib
import sys

from govern.repo import UsageError


def run_list(*, fmt: str, color: bool) -> int:
    from govern.rules import REGISTRY

    if fmt == "json":
        from govern.reporters import rule_docs

        print(rule_docs.listing_json())
        return 0
    from govern.reporters.text import rules as text_report

    text_report.listing(REGISTRY.values(), color=color)
    return 0


def run_explain(*, code: str, fmt: str, color: bool) -> int:
    from govern.reporters import rule_docs
    from govern.rules import REGISTRY, resolve

    found = resolve(code)
    if found is None:
        # Codes differ by a digit, so only a close *name* is worth suggesting.
        close = difflib.get_close_matches(code.lower(), [r.name for r in REGISTRY.values()], n=1)
        hint = f"; did you mean {close[0]}?" if close else "; `govern rules` lists them"
        raise UsageError(f"unknown rule {code!r}{hint}")
    if fmt == "json":
        print(rule_docs.explain_json(found))
        return 0
    page = rule_docs.markdown(found)
    if color and sys.stdout.isatty():
        from govern.reporters.text import rules as text_report

        text_report.explain(page)
    else:
        print(page)  # as written: to be pasted, and no Rich to load
    return 0

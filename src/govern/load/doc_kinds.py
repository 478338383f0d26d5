"""What kind a document is (a contract, a metric, ownership), the message
when it is none of them, and the ids a file that is not YAML still names."""

from __future__ import annotations

import re
from typing import Any, Literal

from govern.load.yamlpos import dotted, short_repr

DocKind = Literal["contract", "metric", "ownership"]
_OWNERSHIP_KEYS = ("teams", "pipelines", "datasets", "raci")

_TOP_ID = re.compile(r"""^(?:contract|metric):[ \t]*["']?([^"'#\s]+)""", re.MULTILINE)
_SECTION = re.compile(r"^(teams|pipelines|datasets|raci):[ \t]*(?:#.*)?$")
# A child key: the name runs to the first quote, `#` or `:` (greedy, so the
# match never backtracks), then what must follow it is checked on its own.
# (One lazy pattern for both took quadratic time on a line of spaces.)
_CHILD = re.compile(r"""([ \t]+)["']?([^"'#\s:][^"'#:]*)""")
_CHILD_END = re.compile(r"""["']?[ \t]*:(?:[ \t]|$)""")


def recover_ids(text: str) -> set[str]:
    """Ids named in a file that is not valid YAML, read from its lines, so that
    references to them do not cascade into "unknown" findings: the file's own
    GOV001 is the one problem to fix."""
    ids = set(_TOP_ID.findall(text))
    indent: str | None = None
    in_section = False
    for line in text.splitlines():
        if _SECTION.match(line):
            in_section, indent = True, None
            continue
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            in_section = False
            continue
        m = _CHILD.match(line) if in_section else None
        if m is not None and not _CHILD_END.match(line, m.end()):
            m = None
        if m:
            if indent is None:
                indent = m.group(1)
            if m.group(1) == indent:
                ids.add(m.group(2).strip())
    return ids


def classify(value: dict[str, Any]) -> DocKind | None:
    if "contract" in value:
        return "contract"
    if "metric" in value:
        return "metric"
    if any(k in value for k in _OWNERSHIP_KEYS):
        return "ownership"
    return None


def unknown_kind_message(path: str, value: dict[str, Any]) -> str:
    if value.get("kind") == "DataContract" or "apiVersion" in value:
        version = short_repr(value.get("apiVersion"))
        return (
            f"this looks like an ODCS contract, but apiVersion {version} is not "
            "one govern reads: govern reads ODCS v3 (`apiVersion: v3.x.y`, `kind: DataContract`)"
        )
    if "semantic_models" in value or "metrics" in value:
        return "this looks like a dbt semantic-layer file; govern reads native metrics (`metric:`)"
    top = path.split("/", 1)[0]
    expected = {
        "contracts": "`contract: <id>`",
        "metrics": "`metric: <id>`",
        "ownership": "`teams:`, `pipelines:`, `datasets:` or `raci:`",
    }.get(top, "`contract:`, `metric:`, `teams:`, `pipelines:`, `datasets:` or `raci:`")
    keys = ", ".join(f"`{dotted((k,))}`" for k in list(value)[:4])
    return f"unknown document kind: expected {expected} at the top, found {keys}"

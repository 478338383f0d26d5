"""What a node of dbt's YAML says: its text, ``ref()``, filters, ``meta``,
group, whether it is enabled, and a metric's input. A value of the wrong
shape reads as absent: validating the project is dbt's job (``dbt parse``),
not govern's."""

from __future__ import annotations

import re
from typing import Any

_REF = re.compile(r"""^\s*ref\(\s*(?:['"][^'"]+['"]\s*,\s*)?['"]([^'"]+)['"]\s*(?:,[^)]*)?\)\s*$""")


def text_of(value: Any) -> str | None:
    """A YAML value as text: numbers as written (`expr: 1`), blank text as none."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return str(value)  # `expr: 1` counts rows
    return value.strip() or None if isinstance(value, str) else None


def as_list(value: Any) -> list[Any]:
    """A list as written, else nothing (a wrong shape is dbt's to report)."""
    return value if isinstance(value, list) else []


def model_ref(value: Any) -> str | None:
    """The model a semantic model describes: ``ref('orders')`` (or a
    two-argument ``ref``, the package first) is ``orders``; plain text is itself."""
    text = text_of(value)
    if text is None:
        return None
    m = _REF.match(text)
    return m.group(1) if m else text


def filters(value: Any) -> list[str]:
    """``filter:`` as one text or a list of them."""
    if isinstance(value, list):
        return [t for v in value if (t := text_of(v))]
    text = text_of(value)
    return [text] if text else []


def meta(node: dict[str, Any], key: str) -> str | None:
    """``config.meta.<key>``, else ``meta.<key>`` (older dbt)."""
    for holder in (node.get("config"), node):
        if isinstance(holder, dict):
            found = holder.get("meta")
            if isinstance(found, dict):
                value = text_of(found.get(key))
                if value:
                    return value
    return None


def meta_owner(node: dict[str, Any]) -> str | None:
    return meta(node, "owner")


def group_of(node: dict[str, Any]) -> str | None:
    """``config.group``, else ``group``."""
    config = node.get("config")
    if isinstance(config, dict) and text_of(config.get("group")):
        return text_of(config.get("group"))
    return text_of(node.get("group"))


def enabled(node: dict[str, Any]) -> bool:
    """False when the node or its ``config`` says ``enabled: false``: dbt does not build it."""
    config = node.get("config")
    for holder in (config if isinstance(config, dict) else {}, node):
        if holder.get("enabled") is False:
            return False
    return True


def metric_input(value: Any) -> tuple[str | None, list[str], str | None, str | None]:
    """An input of a metric: a name, or ``{name, filter, alias, offset_window}``
    (``offset_to_grain`` stands in for the window): (name, filters, alias, offset)."""
    if isinstance(value, str):
        return value.strip(), [], None, None
    if isinstance(value, dict):
        name = value.get("name")
        written = value.get("filter")
        listed = (
            [f for f in written if isinstance(f, str)]
            if isinstance(written, list)
            else ([written] if isinstance(written, str) and written.strip() else [])
        )
        alias = value.get("alias") if isinstance(value.get("alias"), str) else None
        offset = value.get("offset_window") or value.get("offset_to_grain")
        return (
            name.strip() if isinstance(name, str) else None,
            listed,
            alias,
            str(offset) if isinstance(offset, (str, int)) else None,
        )
    return None, [], None, None

"""Whether a YAML document is an ODCS v3 contract, so that the loader reads it as one."""

from __future__ import annotations

from typing import Any

ODCS_KIND = "DataContract"


def is_odcs(value: dict[str, Any]) -> bool:
    """A mapping that says it is an ODCS v3 data contract (or an ODCS file
    whose apiVersion is missing or malformed: the schema says what is wrong)."""
    if "contract" in value or value.get("kind") != ODCS_KIND:
        return False
    api = value.get("apiVersion")
    return not (isinstance(api, str) and not api.startswith("v3"))

"""Native paths -> ODCS paths, so that a rule asking where ``schema.orders.id``
is gets the line of ``schema[0].properties[2]`` in the ODCS file.

The mapping (:mod:`.mapping`) records a route for every native path it
fills; a path below a routed one is the route plus the remaining keys,
renamed to their ODCS spelling.
"""

from __future__ import annotations

from govern.load.yamlpos import Path

# A native key -> the ODCS key it is read from, for paths below a routed one.
_RENAME: dict[str, str] = {
    "fields": "properties",
    "primary_key": "primaryKey",
    "type": "logicalType",
    "contract": "id",
}


def translate(routes: dict[Path, Path], path: Path) -> Path:
    """The ODCS path of a native one: its longest routed prefix, then the
    remaining keys renamed (``fields`` -> ``properties``...)."""
    for i in range(len(path), -1, -1):
        base = routes.get(path[:i])
        if base is not None:
            rest = tuple(_RENAME.get(p, p) if isinstance(p, str) else p for p in path[i:])
            return (*base, *rest)
    return path

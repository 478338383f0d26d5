"""Contracts between govern's format and ODCS v3, both ways (``govern convert``).

Pure functions over values: :func:`to_odcs` writes a native contract as an
ODCS v3.1.0 document, :func:`to_native` reads an ODCS document as a native
one; each also says what the target cannot hold (:class:`Loss`). :func:`dump`
writes either as YAML in a readable key order.

The ODCS side of the mapping is :mod:`govern.load.odcs` (how govern reads an
ODCS file, for lint as for conversion): this package writes what that package
reads, so that native -> ODCS -> native gives the same contract back. What the
native format says and ODCS has no key for goes into ``govern.*`` custom
properties (the one table, :mod:`govern.load.odcs.custom`); docs/convert.md
lists them.

Writing lives here rather than under ``govern.load.odcs``: only ``govern
convert`` writes, so lint never loads it, and the loader stays a reader.

- ``native_to_odcs.py``  ``to_odcs()``: schema objects, SLA, custom properties
- ``odcs_fields.py``     a native field as an ODCS property (both directions use it)
- ``odcs_to_native.py``  ``to_native()`` and ``odcs_losses()``: what ODCS says that
                         the native contract does not hold
- ``losses.py``          ``Loss``, the ``# govern: ignore`` comments neither carries,
                         and where each loss is in the source (``placed``)
- ``files.py``           the file read (any path, by size) and the output written safely
- ``plain_values.py``    a model as plain YAML values
- ``yaml_text.py``       ``dump()``: YAML text, untrusted text written inert
"""

from govern.convert.losses import NOT_CARRIED, Loss, comment_losses, placed
from govern.convert.native_to_odcs import API_VERSION, to_odcs
from govern.convert.odcs_fields import odcs_property, odcs_type
from govern.convert.odcs_to_native import odcs_losses, to_native
from govern.convert.plain_values import plain
from govern.convert.yaml_text import dump

# `dotted` names a Loss's path in messages; callers (and tests) have long
# reached it as `convert.dotted`.
from govern.load.yamlpos import dotted

__all__ = [
    "API_VERSION",
    "NOT_CARRIED",
    "Loss",
    "comment_losses",
    "dotted",
    "dump",
    "odcs_losses",
    "odcs_property",
    "odcs_type",
    "placed",
    "plain",
    "to_native",
    "to_odcs",
]

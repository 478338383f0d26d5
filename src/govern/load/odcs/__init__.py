"""ODCS v3 contracts (Open Data Contract Standard, Bitol) read as native contracts.

A file with ``kind: DataContract`` (and ``apiVersion: v3.x.y``) is:

1. validated against the official ODCS JSON Schema of its own ``apiVersion``
   (Bitol's, shipped in ``govern/schemas/odcs/``), every error reported with
   the line and column of the offending key or value (GOV003 unknown key,
   GOV004 wrong type or value, GOV005 missing key);
2. mapped onto :class:`govern.model.contract.Contract`, so that every rule
   runs on it as on a native contract;
3. given positions that map the native paths the rules ask for (``schema``,
   ``<object>``, ``fields``, ``<property>``, ``type``...) back to where the
   ODCS file says it (``schema[i].properties[j].logicalType``), or to the
   nearest thing that exists there.

The mapping is documented in docs/formats.md ("ODCS v3"). In short: each
``schema[]`` object is a native field of type ``object`` named by the
object's ``name``, whose ``fields`` are its ``properties`` (so a property's
element path is ``schema.<object>.<property>``, the same whether the contract
has one object or several, and removing an object is removing a field). The
exception is a contract written from govern's format (``govern convert``): its
one schema object, marked ``govern.root: true``, holds the native top-level
fields, whose element paths stay ``schema.<field>``. What the native format
says and ODCS has no key for is kept in ``govern.*`` custom properties.

- ``detect.py``         ``is_odcs()``: whether a document is an ODCS contract
- ``schema.py``         1. the JSON Schema's errors at their lines, cached between runs
- ``pieces.py``         the document cut into pieces of bounded depth for the validator
- ``schema_errors.py``  a jsonschema error -> code and message
- ``custom_checks.py``  govern's custom properties checked (unknown names, refused values)
- ``mapping.py``        2. ``map_contract()``: ODCS values -> native values and routes
- ``refused.py``        the native model's refusals: pruned, and reported
- ``types.py``          logicalType/physicalType -> the native type
- ``sla.py``            ``slaProperties`` -> native durations and percentages
- ``custom.py``         the ``govern.*`` custom properties table, read by the
                        mapping and written by ``govern.convert``
- ``positions.py``      3. ``translate()``: a native path -> its ODCS path
"""

from govern.load.odcs.custom import (
    CONTRACT_PROPERTIES,
    CP_CHANNEL,
    CP_CONSUMERS,
    CP_DATASET,
    CP_DELIVERY,
    CP_DEPRECATED,
    CP_ENUM,
    CP_KIND,
    CP_MASKING,
    CP_MAX,
    CP_MAX_LENGTH,
    CP_MIN,
    CP_MIN_LENGTH,
    CP_NOTICE_DAYS,
    CP_NOTICES,
    CP_OWNER,
    CP_PATTERN,
    CP_PII,
    CP_PRODUCER,
    CP_ROOT,
    CP_TYPE,
    CP_WAIVERS,
    FIELD_PROPERTIES,
    OBJECT_PROPERTIES,
    PREFIX,
    NativeError,
    root_index,
)
from govern.load.odcs.custom_checks import govern_problems
from govern.load.odcs.detect import ODCS_KIND, is_odcs
from govern.load.odcs.mapping import PHYSICAL_KIND, PII_CLASSIFICATION, Mapped, map_contract
from govern.load.odcs.pieces import PIECE_DEPTH
from govern.load.odcs.positions import translate
from govern.load.odcs.schema import (
    DEFAULT_SCHEMA_FILE,
    SCHEMA_FILES,
    cached_schema_problems,
    schema_file,
    schema_problems,
)
from govern.load.odcs.sla import sla_duration, sla_items, sla_percent
from govern.load.odcs.types import field_type

__all__ = [
    "CONTRACT_PROPERTIES",
    "CP_CHANNEL",
    "CP_CONSUMERS",
    "CP_DATASET",
    "CP_DELIVERY",
    "CP_DEPRECATED",
    "CP_ENUM",
    "CP_KIND",
    "CP_MASKING",
    "CP_MAX",
    "CP_MAX_LENGTH",
    "CP_MIN",
    "CP_MIN_LENGTH",
    "CP_NOTICES",
    "CP_NOTICE_DAYS",
    "CP_OWNER",
    "CP_PATTERN",
    "CP_PII",
    "CP_PRODUCER",
    "CP_ROOT",
    "CP_TYPE",
    "CP_WAIVERS",
    "DEFAULT_SCHEMA_FILE",
    "FIELD_PROPERTIES",
    "OBJECT_PROPERTIES",
    "ODCS_KIND",
    "PHYSICAL_KIND",
    "PIECE_DEPTH",
    "PII_CLASSIFICATION",
    "PREFIX",
    "SCHEMA_FILES",
    "Mapped",
    "NativeError",
    "cached_schema_problems",
    "field_type",
    "govern_problems",
    "is_odcs",
    "map_contract",
    "root_index",
    "schema_file",
    "schema_problems",
    "sla_duration",
    "sla_items",
    "sla_percent",
    "translate",
]

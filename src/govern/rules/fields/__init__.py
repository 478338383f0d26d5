"""Field-level rules (GOV220-231), one small family a module: descriptions,
names, types and structure, constraints, enums and categorical fields,
personal data, deprecations. ``sites`` walks the fields once for all of them.
"""

from __future__ import annotations

from govern.rules.fields import constraints, deprecation, description, enums, names, pii, types

RULES = [
    description.field_description,
    names.field_name_case,
    types.field_type,
    types.field_structure,
    constraints.constraint_fit,
    constraints.invalid_pattern,
    enums.enum_duplicates,
    enums.categorical_enum,
    pii.pii_classification,
    pii.pii_masking,
    pii.pii_undeclared,
    deprecation.field_deprecation_reason,
]

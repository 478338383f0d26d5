"""The change kinds (normative ids, PRODUCT.md sections 3 and 8) and their default
verdicts: vocabulary shared by the configuration, lint and `govern breaking`."""

from __future__ import annotations

from typing import Literal

Verdict = Literal["breaking", "warning", "info"]

DEFAULT_VERDICTS: dict[str, Verdict] = {
    "contract-removed": "breaking",
    "field-removed": "breaking",
    "field-added": "info",
    "type-widened": "breaking",
    "type-narrowed": "warning",
    "type-changed": "breaking",
    "field-optional": "breaking",
    "field-required": "info",
    "enum-value-added": "warning",
    "enum-value-removed": "info",
    "constraint-loosened": "breaking",
    "constraint-tightened": "info",
    "pattern-changed": "warning",
    "sla-loosened": "breaking",
    "sla-tightened": "info",
    "classification-lowered": "breaking",
    "deprecated": "info",
    "undeprecated": "info",
    "metadata-changed": "info",
    "metric-formula-changed": "breaking",
    "metric-removed": "breaking",
    # The configuration is governed too (PRODUCT.md section 8): a branch that
    # loosens what is governed or how it is judged needs notice or a waiver.
    "config-relaxed": "breaking",
    "config-tightened": "info",
    # Nothing unseen (PRODUCT.md section 8): a difference no handler classifies.
    "unclassified-change": "warning",
}
CHANGE_KINDS = tuple(DEFAULT_VERDICTS)

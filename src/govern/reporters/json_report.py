"""JSON output with the normative keys of PRODUCT.md section 2."""

from __future__ import annotations

import json
from typing import Any

from govern.findings import Finding, Severity


def finding(f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "name": f.name,
        "severity": f.severity.value,
        "path": f.location.path,
        "line": f.location.line,
        "column": f.location.column,
        "message": f.message,
    }


def lint(findings: list[Finding], *, files: int, documents: int, rules: int) -> str:
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = sum(1 for f in findings if f.severity is Severity.WARNING)
    payload = {
        "findings": [finding(f) for f in findings],
        "summary": {
            "errors": errors,
            "warnings": warnings,
            "infos": len(findings) - errors - warnings,
            "files": files,
            "documents": documents,
            "rules": rules,
        },
    }
    return json.dumps(payload, indent=2, ensure_ascii=False)

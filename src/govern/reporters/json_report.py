"""JSON output with the normative keys of PRODUCT.md section 2.

Strings are as written (``escape.dumps``): only a lone surrogate (a file name
that is not UTF-8) is written ``\\udcXX``, so that the output is UTF-8."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from govern.findings import Finding, Severity
from govern.reporters.escape import dumps

if TYPE_CHECKING:
    from govern.changes.report import Report


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
    return dumps(payload)


def changes(report: Report) -> str:
    """PRODUCT.md section 2: base, head, changes[], summary."""
    items = []
    for a in report.changes:
        notice = None
        if a.notice is not None:
            n = a.notice
            notice = {
                "status": n.status,
                "announced": n.announced.isoformat() if n.announced else None,
                "commit": n.commit,
                "required_days": n.required_days,
                "earliest": n.earliest.isoformat() if n.earliest else None,
            }
        items.append(
            {
                "contract": a.change.id,
                "subject": a.change.subject,
                "element": a.change.element,
                "change": a.change.change,
                "severity": a.verdict,
                "allowed": a.allowed,
                "detail": a.change.detail,
                "reason": a.reason,
                "notice": notice,
                "consumers": list(a.consumers),
                "metrics": list(a.metrics),
                "path": a.path,
                "line": a.line,
            }
        )
    breaking = [a for a in report.changes if a.verdict == "breaking"]
    payload = {
        "base": report.base,
        "base_ref": report.base_name,
        "head": report.head,
        "changes": items,
        "summary": {
            "changes": len(report.changes),
            "breaking": len(breaking),
            "refused": len(report.refused),
            "allowed": len(breaking) - len(report.refused),
        },
    }
    return dumps(payload)

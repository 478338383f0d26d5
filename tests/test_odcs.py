"""ODCS v3 contracts: schema errors at their lines, the mapping onto the
native model, and lint rules run on ODCS files.

The corpus files are read from ../shared (never copied into the project)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govern.load.documents import load_text
from govern.load.odcs import field_type, is_odcs
from govern.model.contract import Contract
from tests.conftest import SHARED, git, hits, lint_findings, make_repo, needs_shared, run_govern

CORPUS = SHARED / "corpus" / "odcs"
SCHEMA_CODES = {"GOV001", "GOV002", "GOV003", "GOV004", "GOV005", "GOV006", "GOV007", "GOV008"}


def corpus_files() -> list[Path]:
    needs_shared()
    files = sorted(CORPUS.glob("*.yaml"))
    assert files, f"no ODCS files in {CORPUS}"
    return files


def load(text: str, path: str = "contracts/c.odcs.yaml") -> tuple[Contract | None, list[str]]:
    loaded = load_text(path, text)
    assert loaded.document is not None
    problems = [f"{p.code} {p.location.line}:{p.location.column}" for p in loaded.problems]
    return loaded.document.model, problems


# The corpus files that the official schema of their own apiVersion refuses,
# and why (each checked by hand against govern/schemas/odcs/): all three declare
# v3.0.2 but write what only a later version allows.
CORPUS_SCHEMA_FINDINGS: dict[str, list[str]] = {
    # v3.0.2's logicalType has no `timestamp` or `time` (v3.1.0 added them), and
    # its logicalTypeOptions exclusiveMinimum/exclusiveMaximum are booleans (a
    # number or date from v3.1.0 on).
    "bitol__data-types__all-data-types.odcs.yaml": [
        "GOV004 25:29 `schema[0].properties[1].logicalTypeOptions.exclusiveMinimum`: "
        "must be of type boolean, not '2020-01-01'",
        "GOV004 30:22 `schema[0].properties[2].logicalType`: "
        "must be one of string, date, number, integer, object, array, boolean, not 'timestamp'",
        "GOV004 37:22 `schema[0].properties[3].logicalType`: "
        "must be one of string, date, number, integer, object, array, boolean, not 'timestamp'",
        "GOV004 46:22 `schema[0].properties[4].logicalType`: "
        "must be one of string, date, number, integer, object, array, boolean, not 'time'",
        "GOV004 63:29 `schema[0].properties[6].logicalTypeOptions.exclusiveMaximum`: "
        "must be of type boolean, not 100",
    ],
    # v3.0.2 requires `rule` in a `library` quality check (v3.1.0 has `metric`).
    "bitol__quality__column-completeness.odcs.yaml": [
        "GOV005 23:9 missing required key `rule` in schema[0].properties[0].quality[0]",
    ],
    # v3.0.2's `team` is a list of members (the object form is v3.1.0's).
    "bitol__stakeholders__basic-four-dpo.odcs.yaml": [
        "GOV004 10:3 `team`: must be of type array, not {'name': 'Data Protection Office', 'd...",
    ],
}


def test_every_corpus_file_loads_as_a_contract_with_the_schema_findings_of_its_version() -> None:
    for path in corpus_files():
        loaded = load_text(f"contracts/{path.name}", path.read_text(encoding="utf-8"))
        got = [
            f"{p.code} {p.location.line}:{p.location.column} {p.message}" for p in loaded.problems
        ]
        assert got == CORPUS_SCHEMA_FINDINGS.get(path.name, []), path.name
        assert loaded.document is not None and loaded.document.kind == "contract"
        assert isinstance(loaded.document.model, Contract), path.name
        assert loaded.document.complete == (path.name not in CORPUS_SCHEMA_FINDINGS)


def test_corpus_lints_with_the_schema_findings_of_each_version(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        f"contracts/odcs/{p.name}": p.read_text(encoding="utf-8") for p in corpus_files()
    }
    findings = lint_findings(make_repo(tmp_path / "repo", files))
    odcs = [f for f in findings if f.path.startswith("contracts/odcs/")]
    schema = sorted(
        (f.path.removeprefix("contracts/odcs/"), f"{f.rule} {f.location.line}:{f.location.column}")
        for f in odcs
        if f.rule in SCHEMA_CODES
    )
    assert schema == sorted(
        (name, " ".join(finding.split(" ")[:2]))
        for name, found in CORPUS_SCHEMA_FINDINGS.items()
        for finding in found
    )
    # Rules did run on them: the shared ids are reported as duplicates, and
    # the properties without a description are found at their `name:`.
    assert any(f.rule == "GOV109" for f in odcs)
    assert ("contracts/odcs/bitol__schema__table-column.odcs.yaml", 12, 7) in hits(odcs, "GOV220")


def test_unquoted_yaml_dates_in_examples_stay_strings() -> None:
    path = next(p for p in corpus_files() if "table-column-description" in p.name)
    text = path.read_text(encoding="utf-8")
    assert "- 2022-10-03" in text  # the file really has an unquoted date
    model, problems = load(text)
    assert problems == []
    assert model is not None
    examples = model.schema_["tbl"].fields["txn_ref_dt"].examples  # type: ignore[index]
    assert examples == ["2022-10-03", "2025-01-28"]


def test_mapping_of_all_schema_types() -> None:
    # bitol__schema__all-schema-types.odcs.yaml: three schema objects, tbl with
    # txn_ref_dt (date, public), rcvr_id (varchar(18), primaryKey, restricted),
    # rcvr_cntry_code; AnObject.street_lines an array of strings;
    # AnotherObject.x an array of objects {id, zip}.
    path = next(p for p in corpus_files() if "all-schema-types" in p.name)
    model, problems = load(path.read_text(encoding="utf-8"))
    assert problems == [] and model is not None
    assert model.contract == "53581432-6c55-4ba2-a65f-72344a91553a"
    assert (model.version, model.status, model.kind) == ("1.0.0", "active", "table")
    assert list(model.schema_) == ["tbl", "AnObject", "AnotherObject"]
    tbl = model.schema_["tbl"]
    assert tbl.type == "object" and tbl.description == "Provides core payment metrics"
    assert tbl.fields is not None
    assert list(tbl.fields) == ["txn_ref_dt", "rcvr_id", "rcvr_cntry_code"]
    date, rcvr, country = tbl.fields.values()
    assert (date.type, date.classification, date.primary_key) == ("date", "public", False)
    assert date.description == "transaction ref date"
    assert date.examples == ["2022-10-03", "2020-01-28"]
    assert (rcvr.type, rcvr.primary_key, rcvr.classification) == ("string", True, "restricted")
    assert (country.type, country.required) == ("string", False)
    lines = model.schema_["AnObject"].fields["street_lines"]  # type: ignore[index]
    assert lines.type == "array" and lines.items is not None and lines.items.type == "string"
    x = model.schema_["AnotherObject"].fields["x"]  # type: ignore[index]
    assert x.type == "array" and x.items is not None and x.items.type == "object"
    assert {k: v.type for k, v in (x.items.fields or {}).items()} == {
        "id": "string",
        "zip": "string",
    }


def test_mapping_of_data_types() -> None:
    path = next(p for p in corpus_files() if "all-data-types" in p.name)
    model, _ = load(path.read_text(encoding="utf-8"))
    assert model is not None
    fields = model.schema_["transactions_tbl"].fields or {}
    assert {k: v.type for k, v in fields.items()} == {
        "account_id": "string",
        "txn_ref_date": "date",
        "txn_timestamp": "timestamp",
        "txn_timestamp_tz": "timestamp_tz",
        "txn_time": "time",
        "amount": "double",
        "age": "integer",
        "is_open": "boolean",
        "latest_txns": "array",
        "customer_details": "object",
    }
    account = fields["account_id"]
    assert (account.min_length, account.max_length, account.pattern) == (11, 11, "ACC[0-9]{8}")
    assert fields["amount"].min == 0 and fields["age"].min == 18


def test_mapping_of_sla_team_and_status() -> None:
    files = corpus_files()
    sla = next(p for p in files if "database-table-sla" in p.name)
    model, _ = load(sla.read_text(encoding="utf-8"))
    assert model is not None and model.sla is not None
    assert model.sla.freshness == "4d"  # latency 4 d
    assert model.retention == "3y"  # retention 3 y
    dpo = next(p for p in files if "basic-four-dpo" in p.name)
    model, _ = load(dpo.read_text(encoding="utf-8"))
    assert model is not None and model.owner == "Data Protection Office"  # team.name
    azure = next(p for p in files if "azure-server" in p.name)
    model, _ = load(azure.read_text(encoding="utf-8"))
    assert model is not None and model.status == "draft"  # `in development`


@pytest.mark.parametrize(
    ("logical", "physical", "expected"),
    [
        ("integer", "bigint", "long"),
        ("integer", "int", "integer"),
        ("integer", None, "long"),
        ("number", "decimal(18,2)", "decimal(18,2)"),
        ("number", "float(3,2)", "double"),
        (None, "varchar(2)", "string"),
        (None, "BIGINT", "long"),
        (None, "geography", "geography"),
        (None, None, "json"),
    ],
)
def test_field_types(logical: str | None, physical: str | None, expected: str) -> None:
    node = {k: v for k, v in (("logicalType", logical), ("physicalType", physical)) if v}
    assert field_type(node) == expected


def test_is_odcs() -> None:
    assert is_odcs({"apiVersion": "v3.1.0", "kind": "DataContract"})
    assert is_odcs({"kind": "DataContract"})  # apiVersion missing: GOV005 says so
    assert not is_odcs({"apiVersion": "v2.2.2", "kind": "DataContract"})
    assert not is_odcs({"contract": "x", "kind": "DataContract"})


# Lines counted by hand: each entry is "code line:column".
BAD = """\
apiVersion: v3.1.0
kind: DataContract
id: orders
version: 1.0.0
status: active
colour: red
schema:
  - name: orders
    physicalType: table
    properties:
      - name: order_id
        logicalType: strng
        required: "yes"
        flavour: x
      - logicalType: string
team:
  - username: a
    role: owner
    foo: bar
"""


def test_schema_errors_at_their_lines() -> None:
    model, problems = load(BAD)
    assert problems == [
        "GOV003 6:1",  # colour
        "GOV004 12:22",  # strng
        "GOV004 13:19",  # "yes"
        "GOV003 14:9",  # flavour
        "GOV005 15:9",  # the second property has no name
        "GOV003 19:5",  # foo in a team member (the array form of `team`, still v3.1.0's)
    ]
    # The rest is still mapped, for the rules.
    assert model is not None and model.contract == "orders"


def test_missing_top_level_keys_and_wrong_api_version_value() -> None:
    text = "apiVersion: v3.9.9\nkind: DataContract\nid: orders\nstatus: active\n"
    model, problems = load(text)
    # apiVersion is not a version govern has the schema of: that is the one
    # finding (the missing version is not judged by a schema of another version).
    assert problems == ["GOV004 1:13"]
    assert model is not None and model.version == "0.0.0"
    text = "apiVersion: v3.1.0\nkind: DataContract\nid: orders\nstatus: active\n"
    assert load(text)[1] == ["GOV005 1:1"]  # version is missing (at the mapping: line 1)


def test_wrong_types_in_nested_values() -> None:
    text = (
        "apiVersion: v3.1.0\n"  # 1
        "kind: DataContract\n"  # 2
        "id: orders\n"  # 3
        "version: 1.0.0\n"  # 4
        "status: active\n"  # 5
        "schema:\n"  # 6
        "  - name: orders\n"  # 7
        "    properties:\n"  # 8
        "      - name: id\n"  # 9
        "        primaryKey: 1\n"  # 10
        "slaProperties:\n"  # 11
        "  - value: 4\n"  # 12
    )
    _, problems = load(text)
    assert problems == ["GOV004 10:21", "GOV005 12:5"]


def test_old_api_version_is_gov008() -> None:
    loaded = load_text("contracts/c.yaml", "apiVersion: v2.2.2\nkind: DataContract\nid: x\n")
    assert loaded.document is None
    assert [(p.code, p.location.line) for p in loaded.problems] == [("GOV008", 1)]
    assert "v3" in loaded.problems[0].message


PII = """\
apiVersion: v3.1.0
kind: DataContract
id: payroll.workers
version: 1.0.0
status: active
description:
  purpose: Workers on the payroll.
customProperties:
  - property: govern.owner
    value: payroll-engine
  - property: govern.notice_days
    value: 30
schema:
  - name: workers
    physicalType: table
    description: One row per worker.
    properties:
      - name: worker_id
        logicalType: string
        required: true
        description: Worker identifier
      - name: worker_email
        logicalType: string
        classification: pii
        customProperties:
          - property: govern.masking
            value: hash
"""


def test_lint_runs_native_rules_on_odcs(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", {"contracts/payroll/workers.odcs.yaml": PII})
    findings = [f for f in lint_findings(root) if f.path == "contracts/payroll/workers.odcs.yaml"]
    assert [f for f in findings if f.rule in SCHEMA_CODES] == []
    # No description: at the property's `name:` (line 22).
    assert hits(findings, "GOV220") == [("contracts/payroll/workers.odcs.yaml", 22, 9)]
    # `classification: pii` makes it PII, with no native classification: GOV228
    # at the property's `name:` too (the rule's place for a missing key).
    assert hits(findings, "GOV228") == [("contracts/payroll/workers.odcs.yaml", 22, 9)]
    # The owner from `govern.owner` is a known team: no unknown-reference finding on it.
    assert not [f for f in findings if "payroll-engine" in f.message]


def test_odcs_contract_model_carries_govern_custom_properties() -> None:
    model, problems = load(PII)
    assert problems == [] and model is not None
    assert model.owner == "payroll-engine"
    assert model.change_policy is not None and model.change_policy.notice_days == 30
    assert model.description == "Workers on the payroll."
    email = (model.schema_["workers"].fields or {})["worker_email"]
    assert email.pii and email.masking == "hash" and email.classification is None


def test_deprecation_custom_property() -> None:
    text = (
        "apiVersion: v3.1.0\nkind: DataContract\nid: a\nversion: 1.0.0\nstatus: active\n"
        "schema:\n  - name: t\n    properties:\n      - name: old\n        logicalType: string\n"
        "        customProperties:\n          - property: govern.deprecated\n"
        "            value: {reason: replaced by new, removal: 2027-01-01, replacement: new}\n"
    )
    model, problems = load(text)
    assert problems == [] and model is not None
    dep = (model.schema_["t"].fields or {})["old"].deprecated
    assert dep is not None and dep.reason == "replaced by new" and dep.replacement == "new"
    assert str(dep.removal) == "2027-01-01"


def test_odcs_without_id_is_reported_and_lint_goes_on(tmp_path: Path) -> None:
    text = "apiVersion: v3.1.0\nkind: DataContract\nversion: 1.0.0\nstatus: active\n"
    model, problems = load(text)
    assert model is None and problems == ["GOV005 1:1"]
    root = make_repo(tmp_path / "repo", {"contracts/x.odcs.yaml": text})
    assert hits(lint_findings(root), "GOV005") == [("contracts/x.odcs.yaml", 1, 1)]


ODCS_ORDERS = """\
apiVersion: v3.0.2
kind: DataContract
id: shop.orders
version: 1.0.0
status: active
team: {name: payroll-engine}
description: {purpose: Orders placed in the shop.}
schema:
  - name: orders
    physicalType: table
    description: One row per order
    properties:
      - name: order_id
        logicalType: string
        description: Order identifier
      - name: coupon_code
        logicalType: string
        description: Coupon applied
"""


def test_breaking_on_an_odcs_contract_points_at_lines_that_exist(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "r", {"contracts/orders.odcs.yaml": ODCS_ORDERS})
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base", date="2026-10-01T10:00:00Z")
    removed = ODCS_ORDERS.split("      - name: coupon_code")[0].replace("1.0.0", "2.0.0")
    (root / "contracts/orders.odcs.yaml").write_text(removed)
    done = run_govern("breaking", "--against", "main", "--now", "2026-11-22", "--format", "json",
                      cwd=root)  # fmt: skip
    assert done.returncode == 1, done.stderr
    [change] = [c for c in json.loads(done.stdout)["changes"] if c["change"] == "field-removed"]
    assert change["element"] == "schema.orders.coupon_code"
    # Anchored to the `properties:` key of the table (line 12), which still exists.
    assert (change["path"], change["line"]) == ("contracts/orders.odcs.yaml", 12)


# --- deep nesting: validated in pieces, errors still at their lines -----------------------------


def _nested(depth: int, leaf: str) -> str:
    """An ODCS file whose property tree is ``depth`` objects deep, ``leaf``
    (YAML lines) at the bottom."""
    lines = [
        "apiVersion: v3.1.0",
        "kind: DataContract",
        "id: deep.contract",
        "version: 1.0.0",
        "status: active",
        "schema:",
        "  - name: t",
        "    properties:",
    ]
    indent = "      "
    for i in range(depth):
        lines += [
            f"{indent}- name: n{i}",
            f"{indent}  logicalType: object",
            f"{indent}  properties:",
        ]
        indent += "    "
    lines += [f"{indent}{line}" for line in leaf.splitlines()]
    return "\n".join(lines) + "\n"


def test_deep_nesting_is_validated_in_linear_time_with_errors_at_their_lines(
    tmp_path: Path,
) -> None:
    """Twelve levels: one piece would take jsonschema minutes (it triples with
    every level); in pieces, the errors at the bottom are found at their lines."""
    leaf = "- name: leaf\n  logicalType: string\n  required: sometimes\n  colour: blue\n"
    text = _nested(12, leaf)
    root = make_repo(tmp_path / "r", {"contracts/deep.odcs.yaml": text})
    result = run_govern("lint", "--format", "json", cwd=root)
    findings = json.loads(result.stdout)["findings"]
    got = sorted(
        (f["rule"], f["line"], f["column"])
        for f in findings
        if f["rule"] in ("GOV003", "GOV004", "GOV005")
    )
    # 8 header lines, 3 lines per level: the leaf's `- name:` is line 8 + 36 + 1 = 45,
    # indented 6 + 4 * 12 = 54 columns; `required:` on line 47, `colour:` on 48.
    assert got == [("GOV003", 48, 57), ("GOV004", 47, 67)]


def test_a_member_that_failed_is_not_also_an_unknown_key(tmp_path: Path) -> None:
    text = _nested(1, "- name: tags\n  logicalType: array\n  items:\n    logicalType: 5\n")
    root = make_repo(tmp_path / "r", {"contracts/t.odcs.yaml": text})
    findings = json.loads(run_govern("lint", "--format", "json", cwd=root).stdout)["findings"]
    schema = [(f["rule"], f["line"]) for f in findings if f["rule"] in ("GOV003", "GOV004")]
    # Only the wrong type (line 15): `items` is a known key, not an unknown one.
    assert schema == [("GOV004", 15)]

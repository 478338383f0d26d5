"""dbt semantic-layer metrics read beside the catalog (docs/dbt.md).

Every expected formula below was written by hand from the dbt files: a
measure is ``<agg>(<expr>)``, a ratio ``(num) / (den)``, a filter's Jinja
becomes the dimension's expression. The corpus files (real jaffle-shop
files, ../shared/corpus/dbt) are copied into a dbt project made in tmp_path
for each test, never into this repository."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from govern.load import dbt, dbt_sql
from govern.load.dbt import DbtProject
from tests.conftest import SHARED, make_repo, needs_shared, run_govern, write_files

CORPUS = SHARED / "corpus" / "dbt"
PROJECT_YML = "name: jaffle\nversion: '1.0'\nconfig-version: 2\n"


def corpus_project(tmp_path: Path, prefix: str) -> Path:
    needs_shared()
    root = tmp_path / "dbt"
    (root / "models" / "marts").mkdir(parents=True)
    (root / "dbt_project.yml").write_text(PROJECT_YML)
    for f in sorted(CORPUS.glob(f"{prefix}__*.yml")):
        shutil.copy(f, root / "models" / "marts" / f.name)
    return root


def read(root: Path, gov: Path | None = None) -> DbtProject:
    project = dbt.load(str(root), str(gov or root.parent))
    dbt_sql.resolve(project)
    return project


def metric(project: DbtProject, name: str) -> tuple[str | None, str | None]:
    m = next(m for m in project.metrics if m.name == name)
    assert m.document.model is not None
    return m.document.model.formula, m.document.model.filter


# --- the corpus ---------------------------------------------------------------------------------


def test_sl_template_metrics_resolve_to_sql(tmp_path: Path) -> None:
    project = read(corpus_project(tmp_path, "jaffle-sl-template"))
    assert project.issues == []
    # 16 metrics under `metrics:` and `average_revenue` from `create_metric: true`.
    assert len(project.metrics) == 18
    assert metric(project, "revenue") == ("sum(product_price)", None)
    assert metric(project, "order_cost") == ("sum(order_cost)", None)
    assert metric(project, "average_revenue") == ("avg(product_price)", None)
    assert metric(project, "median_revenue") == (
        "percentile_cont(0.5) within group (order by product_price)",
        None,
    )
    assert metric(project, "food_revenue_pct") == (
        "(sum(case when is_food_item = 1 then product_price else 0 end)) / (sum(product_price))",
        None,
    )
    # `{{ Dimension('order_id__order_total_dim') }}`: the dimension's expr is order_total.
    assert metric(project, "large_order") == ("sum(1)", "order_total >= 20")
    assert metric(project, "food_orders") == ("sum(1)", "is_food_order = true")
    assert metric(project, "orders_last_7_days") == ("cumulative(sum(1), '7 days')", None)
    assert metric(project, "cumulative_revenue") == ("cumulative(sum(product_price))", None)
    formula, _ = metric(project, "revenue_growth_mom")
    assert formula == (
        "((SUM(product_price)) - (OFFSET(SUM(product_price), '1 month'))) * 100 "
        "/ (OFFSET(SUM(product_price), '1 month'))"
    )
    assert metric(project, "order_gross_profit")[0] == "(SUM(product_price)) - (SUM(order_cost))"


def test_jaffle_shop_metrics_resolve_and_point_at_their_lines(tmp_path: Path) -> None:
    root = corpus_project(tmp_path, "jaffle-shop")
    project = read(root)
    assert project.issues == []
    names = {m.name for m in project.metrics}
    assert {"order_total", "new_customer_orders", "food_revenue_pct", "average_order_value"} <= (
        names
    )
    # `new_customer_orders` is at line 130 of orders.yml; its type_params at 134,
    # its filter at 136.
    m = next(m for m in project.metrics if m.name == "new_customer_orders")
    path = "dbt/models/marts/jaffle-shop__models__marts__orders.yml"
    assert (m.document.path, m.document.at().line) == (path, 130)
    assert m.document.at("formula").line == 134
    assert m.document.at("filter").line == 136


# --- hand-made projects -------------------------------------------------------------------------

SEMANTIC = """\
semantic_models:
  - name: order_items
    model: ref('order_items')
    config:
      meta:
        owner: analytics
    entities:
      - name: order_item
        type: primary
        expr: order_item_id
    dimensions:
      - name: is_food_item
        type: categorical
      - name: item_kind
        type: categorical
        expr: lower(kind)
    measures:
      - name: revenue
        agg: sum
        expr: product_price
      - name: item_count
        agg: count
        expr: order_item_id
      - name: buyers
        agg: count_distinct
        expr: customer_id
      - name: any_refund
        agg: sum_boolean
        expr: is_refunded

groups:
  - name: finance
    owner:
      name: finance
      email: finance@example.com

metrics:
  - name: revenue
    type: simple
    type_params:
      measure: revenue
  - name: food_share
    type: ratio
    type_params:
      numerator:
        name: revenue
        filter: "{{ Dimension('order_item__item_kind') }} = 'food'"
      denominator: revenue
  - name: refunds
    type: simple
    group: finance
    type_params:
      measure: any_refund
  - name: revenue_per_buyer
    type: derived
    config:
      meta:
        owner: nobody-team
    type_params:
      expr: rev / b
      metrics:
        - name: revenue
          alias: rev
        - name: buyers_metric
          alias: b
  - name: buyers_metric
    type: simple
    type_params:
      measure: buyers
"""


def dbt_project(root: Path, files: dict[str, str]) -> Path:
    return write_files(root, {"dbt_project.yml": PROJECT_YML, **files})


def test_filters_are_pushed_into_inputs_and_owners_come_from_meta_or_group(
    tmp_path: Path,
) -> None:
    root = dbt_project(tmp_path / "dbt", {"models/semantic.yml": SEMANTIC})
    project = read(root)
    assert project.issues == []
    assert metric(project, "food_share") == (
        "(sum(case when lower(kind) = 'food' then product_price end)) / (sum(product_price))",
        None,
    )
    assert metric(project, "refunds") == ("sum(case when is_refunded then 1 else 0 end)", None)
    assert metric(project, "revenue_per_buyer")[0] == (
        "(SUM(product_price)) / (COUNT(DISTINCT customer_id))"
    )
    owners = {m.name: m.owner for m in project.metrics}
    # meta.owner of the metric; else its group's owner; else its semantic model's.
    assert owners["revenue_per_buyer"] == "nobody-team"
    assert owners["refunds"] == "finance"
    assert owners["revenue"] == "analytics"


def test_metricflow_documents_and_old_ratio_over_measures(tmp_path: Path) -> None:
    text = """\
data_source:
  name: transactions
  sql_table: analytics.transactions
  identifiers:
    - name: transaction
      type: primary
      expr: id
  measures:
    - name: amount
      agg: sum
    - name: tx_count
      expr: "1"
      agg: sum
---
metric:
  name: average_amount
  type: ratio
  type_params:
    numerator: amount
    denominator: tx_count
---
metric:
  name: total_amount
  type: measure_proxy
  type_params:
    measure: amount
"""
    root = dbt_project(tmp_path / "dbt", {"models/metricflow.yaml": text})
    project = read(root)
    assert project.issues == []
    assert metric(project, "average_amount") == ("(sum(amount)) / (sum(1))", None)
    assert metric(project, "total_amount") == ("sum(amount)", None)
    m = next(m for m in project.metrics if m.name == "total_amount")
    assert m.document.at().line == 22  # the `metric:` key of the third document


def test_latest_spec_metrics_on_the_model(tmp_path: Path) -> None:
    text = """\
models:
  - name: orders
    semantic_model: true
    columns:
      - name: order_id
        entity:
          type: primary
      - name: status
        dimension:
          type: categorical
    metrics:
      - name: order_count
        type: simple
        agg: count
        expr: order_id
      - name: open_orders
        type: simple
        agg: count
        expr: order_id
        filter: "{{ Dimension('order_id__status') }} = 'open'"
"""
    root = dbt_project(tmp_path / "dbt", {"models/orders.yml": text})
    project = read(root)
    assert project.issues == []
    assert metric(project, "order_count") == ("count(order_id)", None)
    assert metric(project, "open_orders") == ("count(order_id)", "status = 'open'")


def test_unresolvable_metrics_and_bad_files_are_reported_and_the_rest_is_read(
    tmp_path: Path,
) -> None:
    root = dbt_project(
        tmp_path / "dbt",
        {
            "models/semantic.yml": SEMANTIC,
            "models/broken.yml": "metrics:\n  - name: x\n    type: [\n",
            "models/more.yml": (
                "metrics:\n"
                "  - name: ghost\n"
                "    type: simple\n"
                "    type_params:\n"
                "      measure: no_such_measure\n"
                "  - name: loop_a\n"
                "    type: derived\n"
                "    type_params:\n"
                "      expr: loop_b + 1\n"
                "      metrics: [loop_b]\n"
                "  - name: loop_b\n"
                "    type: derived\n"
                "    type_params:\n"
                "      expr: loop_a + 1\n"
                "      metrics: [loop_a]\n"
            ),
        },
    )
    project = read(root)
    issues = [(i.path, i.line, i.message) for i in project.issues]
    assert issues[0][0] == "dbt/models/broken.yml"
    assert issues[0][1] == 4  # the flow sequence never closes: libyaml stops at the end
    assert "invalid YAML" in issues[0][2]
    ghost = next(i for i in issues if "ghost" in i[2])
    assert ghost[:2] == ("dbt/models/more.yml", 2)
    assert "measure `no_such_measure` is not defined" in ghost[2]
    assert any("cycle" in i[2] and "loop_a" in i[2] for i in issues)
    # The good file is still read.
    assert metric(project, "revenue") == ("sum(product_price)", None)


# --- conflicts ----------------------------------------------------------------------------------

GOV_YAML = "dbt:\n  project: analytics\n"


def conflict_repo(tmp_path: Path, metrics: dict[str, str]) -> Path:
    root = make_repo(tmp_path / "gov", {"govern.yaml": GOV_YAML, **metrics})
    dbt_project(root / "analytics", {"models/semantic.yml": SEMANTIC})
    return root


CATALOG_REVENUE = """\
metric: revenue
description: Revenue of order items.
owner: analytics
approved_by: [finance]
formula: sum(product_price * quantity)
sources: [payroll.payslip.generated]
"""


def test_dbt_metric_contradicting_the_catalog_is_a_conflict(tmp_path: Path) -> None:
    root = conflict_repo(tmp_path, {"metrics/revenue.yaml": CATALOG_REVENUE})
    result = run_govern("conflicts", "--format", "json", cwd=root)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    found = [c for c in report["conflicts"] if c["kind"] == "metric-definition"]
    assert len(found) == 1
    members = {(m["path"], m["line"]) for m in found[0]["members"]}
    # The catalog's formula is on line 5; the dbt metric's type_params on line 40.
    assert members == {("metrics/revenue.yaml", 5), ("analytics/models/semantic.yml", 40)}
    assert "product_price * quantity" in found[0]["detail"]
    assert report["summary"]["dbt_metrics"] == 5


def test_a_catalog_alias_is_claimed_by_a_dbt_metric_name(tmp_path: Path) -> None:
    catalog = """\
metric: buyer_count
description: Distinct buyers.
owner: analytics
approved_by: [finance]
formula: count(customer_id)
aliases: [buyers_metric]
sources: [payroll.payslip.generated]
"""
    root = conflict_repo(tmp_path, {"metrics/buyers.yaml": catalog})
    result = run_govern("conflicts", "--format", "json", cwd=root)
    assert result.returncode == 1
    found = [c for c in json.loads(result.stdout)["conflicts"] if c["kind"] == "metric-definition"]
    assert [sorted(m["id"] for m in c["members"]) for c in found] == [
        ["buyer_count", "buyers_metric"]
    ]
    # count(customer_id) vs count(distinct customer_id): not the same number.


def test_same_formula_under_two_names_is_a_duplicate_warning(tmp_path: Path) -> None:
    catalog = CATALOG_REVENUE.replace("metric: revenue", "metric: gross_sales").replace(
        "sum(product_price * quantity)", "SUM( Product_Price )"
    )
    root = conflict_repo(tmp_path, {"metrics/gross_sales.yaml": catalog})
    result = run_govern("conflicts", "--format", "json", cwd=root)
    assert result.returncode == 0, result.stdout  # a duplicate alone is a warning
    dups = [c for c in json.loads(result.stdout)["conflicts"] if c["kind"] == "metric-duplicate"]
    assert [sorted(m["id"] for m in c["members"]) for c in dups] == [["gross_sales", "revenue"]]


def test_the_same_definition_in_both_is_no_conflict(tmp_path: Path) -> None:
    catalog = CATALOG_REVENUE.replace("sum(product_price * quantity)", "sum(product_price)")
    root = conflict_repo(tmp_path, {"metrics/revenue.yaml": catalog})
    result = run_govern("conflicts", cwd=root)
    assert result.returncode == 0
    assert "No conflicts" in result.stdout
    assert "(+ 5 from dbt)" in result.stdout


def test_without_a_dbt_project_nothing_changes(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "gov", {"metrics/revenue.yaml": CATALOG_REVENUE})
    result = run_govern("conflicts", "--format", "json", cwd=root)
    assert result.returncode == 0
    assert "dbt_metrics" not in json.loads(result.stdout)["summary"]
    cov = json.loads(run_govern("coverage", "--format", "json", cwd=root).stdout)
    assert [m["name"] for m in cov["coverage"]] == [
        "contracts",
        "ownership",
        "backup",
        "metrics",
        "fields",
        "lineage",
    ]


# --- coverage -----------------------------------------------------------------------------------


def test_coverage_of_dbt_models_sources_and_metric_owners(tmp_path: Path) -> None:
    contract = """\
contract: analytics.order_items
version: 1.0.0
status: active
kind: table
description: Order items.
owner: analytics
dataset: warehouse.order_items
schema:
  order_item_id:
    type: string
    description: Id.
"""
    root = make_repo(tmp_path / "gov", {"contracts/order_items.yaml": contract})
    sources = """\
sources:
  - name: stripe
    schema: raw_stripe
    tables:
      - name: payments
      - name: refunds
"""
    payments = contract.replace("analytics.order_items", "stripe.payments").replace(
        "dataset: warehouse.order_items\n", ""
    )
    (root / "contracts" / "payments.yaml").write_text(payments)
    dbt_project(
        tmp_path / "dbt",
        {
            "models/semantic.yml": SEMANTIC,
            "models/sources.yml": sources,
            "models/marts/order_items.sql": "select 1",
            "models/marts/customers.sql": "select 1",
        },
    )
    result = run_govern(
        "coverage", "--format", "json", "--dbt-project", str(tmp_path / "dbt"), cwd=root
    )
    assert result.returncode == 0, result.stderr
    measures = {m["name"]: m for m in json.loads(result.stdout)["coverage"]}
    models = measures["dbt_models"]
    # order_items (dataset warehouse.order_items) and stripe.payments (contract id)
    # are promised; customers and stripe.refunds are not.
    assert (models["covered"], models["total"]) == (2, 4)
    assert sorted((g["name"], g["kind"]) for g in models["missing"]) == [
        ("customers", "dbt-model"),
        ("stripe.refunds", "dbt-source"),
    ]
    missing = {g["name"]: g for g in models["missing"]}
    assert missing["customers"]["path"] == "../dbt/models/marts/customers.sql"
    owners = measures["dbt_metrics"]
    # revenue, buyers_metric: simple metrics, owned by their semantic model's
    # owner analytics (a team); refunds: group finance (a team); food_share: a
    # ratio names no owner (only simple metrics inherit one);
    # revenue_per_buyer: nobody-team, not a team. Gaps without an owner last.
    assert (owners["covered"], owners["total"]) == (3, 5)
    assert [(g["name"], g["reasons"]) for g in owners["missing"]] == [
        ("revenue_per_buyer", ["owner `nobody-team` is not a team"]),
        (
            "food_share",
            ["no owner (`config.meta.owner`, a group with an owner, or its semantic model's)"],
        ),
    ]
    below = run_govern(
        "coverage", "--fail-under", "90", "--dbt-project", str(tmp_path / "dbt"), cwd=root
    )
    assert below.returncode == 1
    assert "dbt_models 50.0% < 90%; dbt_metrics 60.0% < 90%" in below.stdout


def test_config_errors_name_the_file_and_the_key(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "gov", {"govern.yaml": "dbt:\n  projet: analytics\n"})
    result = run_govern("conflicts", cwd=root)
    assert result.returncode == 2
    assert "govern.yaml:2:3" in result.stderr
    assert "dbt.projet" in result.stderr
    (root / "govern.yaml").write_text(GOV_YAML)
    result = run_govern("coverage", cwd=root)
    assert result.returncode == 2
    assert (
        "govern.yaml `dbt.project`: not a dbt project: no dbt_project.yml in analytics"
        in result.stderr
    )
    result = run_govern("conflicts", "--dbt-project", "../nowhere", cwd=root)
    assert result.returncode == 2
    assert (
        "--dbt-project ../nowhere: not a dbt project: no dbt_project.yml in ../nowhere"
        in result.stderr
    )
    assert "Traceback" not in result.stderr


def test_dbt_reading_problems_are_warnings_with_lines(tmp_path: Path) -> None:
    root = conflict_repo(tmp_path, {})
    (root / "analytics" / "models" / "bad.yml").write_text("metrics: [\n")
    result = run_govern("conflicts", cwd=root)
    assert result.returncode == 0
    assert "warning: analytics/models/bad.yml:2:1: invalid YAML" in result.stderr


@pytest.mark.parametrize("name", ["x\x1b[31m", "y\u202e"])
def test_untrusted_names_are_escaped(tmp_path: Path, name: str) -> None:
    text = SEMANTIC.replace("  - name: buyers_metric\n", f'  - name: "{name}"\n').replace(
        "        - name: buyers_metric\n", f'        - name: "{name}"\n'
    )
    root = make_repo(tmp_path / "gov", {"govern.yaml": GOV_YAML})
    dbt_project(root / "analytics", {"models/semantic.yml": text})
    result = run_govern("coverage", "--details", cwd=root)
    assert "\x1b[31m" not in result.stdout + result.stderr
    assert "\u202e" not in result.stdout + result.stderr


def test_meta_contract_links_a_dbt_relation_to_its_contract(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "gov", {})
    sources = """\
sources:
  - name: payroll
    tables:
      - name: payslips
        meta:
          contract: payroll.payslip.generated
      - name: runs
        meta:
          contract: payroll.run.missing
"""
    dbt_project(tmp_path / "dbt", {"models/sources.yml": sources})
    result = run_govern(
        "coverage", "--format", "json", "--dbt-project", str(tmp_path / "dbt"), cwd=root
    )
    models = next(m for m in json.loads(result.stdout)["coverage"] if m["name"] == "dbt_models")
    assert (models["covered"], models["total"]) == (1, 2)
    assert [(g["name"], g["reasons"]) for g in models["missing"]] == [
        ("payroll.runs", ["`meta.contract` `payroll.run.missing` is not a contract"])
    ]


def test_the_example_dbt_project_agrees_with_the_catalog() -> None:
    """This repository's analytics/ project defines the payslip error rate with
    dbt's sum_boolean and count: the catalog's count_if(...) / count(...)."""
    from tests.conftest import PROJECT

    result = run_govern("conflicts", "--dbt-project", "analytics", cwd=PROJECT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(+ 3 from dbt)" in result.stdout
    assert result.stderr == ""
    cov = run_govern(
        "coverage", "--format", "json", "--dbt-project", "analytics", cwd=PROJECT
    ).stdout
    measures = {m["name"]: (m["covered"], m["total"]) for m in json.loads(cov)["coverage"]}
    assert measures["dbt_models"] == (4, 4)
    assert measures["dbt_metrics"] == (3, 3)


def test_the_ops_definition_of_seed_000_contradicts_the_catalog(tmp_path: Path) -> None:
    """Seed 000's ops dashboard: errors over payslip line items."""
    from tests.conftest import PROJECT

    gov = tmp_path / "gov"
    shutil.copytree(PROJECT / "contracts", gov / "contracts")
    shutil.copytree(PROJECT / "metrics", gov / "metrics")
    shutil.copytree(PROJECT / "ownership", gov / "ownership")
    shutil.copytree(PROJECT / "analytics", gov / "analytics")
    semantic = gov / "analytics" / "models" / "marts" / "payslips.yml"
    text = semantic.read_text()
    assert "        agg: count\n        expr: payslip_id\n" in text
    semantic.write_text(
        text.replace("        agg: count\n        expr: payslip_id\n", "        agg: count\n"
                     "        expr: line_item_id\n")
    )  # fmt: skip
    result = run_govern("conflicts", "--format", "json", "--dbt-project", "analytics", cwd=gov)
    assert result.returncode == 1
    found = [c for c in json.loads(result.stdout)["conflicts"] if c["kind"] == "metric-definition"]
    assert len(found) == 1
    assert found[0]["name"] == "payslip_error_rate"
    assert (
        "numerator same; denominator count(payslip_id) vs count(line_item_id)"
        in (found[0]["detail"])
        or "numerator same; denominator count(line_item_id) vs count(payslip_id)"
        in (found[0]["detail"])
    )


# --- dbt semantics that change the number -------------------------------------------------------

ORDERS_SM = """\
semantic_models:
  - name: orders
    model: ref('orders')
    entities:
      - name: order_id
        type: primary
      - name: customer
        type: foreign
        expr: customer_id
    dimensions:
      - name: status
        type: categorical
      - name: net
        type: categorical
        expr: gross - discount
      - name: ordered_at
        type: time
        type_params:
          time_granularity: day
    measures:
      - name: order_count
        agg: sum
        expr: 1
      - name: balance
        agg: sum
        non_additive_dimension:
          name: ordered_at
          window_choice: max
  - name: customers
    model: ref('customers')
    entities:
      - name: customer
        type: primary
        expr: customer_id
    dimensions:
      - name: status
        type: categorical
        expr: customer_status
"""


def test_cumulative_windows_in_every_spelling(tmp_path: Path) -> None:
    metrics = """\
metrics:
  - {name: all_time, type: cumulative, type_params: {measure: order_count}}
  - name: last_7_days
    type: cumulative
    type_params: {measure: order_count, cumulative_type_params: {window: 7 days}}
  - name: last_week
    type: cumulative
    type_params: {measure: order_count, window: 1 week}
  - name: month_to_date
    type: cumulative
    type_params:
      measure: order_count
      cumulative_type_params: {grain_to_date: month, period_agg: last}
"""
    root = dbt_project(tmp_path / "dbt", {"models/sm.yml": ORDERS_SM, "models/m.yml": metrics})
    project = read(root)
    assert project.issues == []
    assert metric(project, "all_time")[0] == "cumulative(sum(1))"
    # dbt >= 1.9 nests the window under cumulative_type_params; 1 week is 7 days.
    assert metric(project, "last_7_days")[0] == "cumulative(sum(1), '7 days')"
    assert metric(project, "last_week")[0] == "cumulative(sum(1), '7 days')"
    assert metric(project, "month_to_date")[0] == "cumulative(sum(1), 'month to date', 'last')"


def test_filters_keep_their_meaning(tmp_path: Path) -> None:
    metrics = """\
metrics:
  - name: big_net
    type: simple
    type_params: {measure: order_count}
    filter: "{{ Dimension('order_id__net') }} * 2 > 100"
  - name: paying_customers
    type: simple
    type_params: {measure: order_count}
    filter: "{{ Dimension('customer__status') }} = 'paid'"
  - name: monthly
    type: simple
    type_params: {measure: order_count}
    filter: "{{ TimeDimension('order_id__ordered_at', 'month') }} = '2026-01-01'"
  - name: monthly_chained
    type: simple
    type_params: {measure: order_count}
    filter: "{{ Dimension('order_id__ordered_at').grain('month') }} = '2026-01-01'"
  - name: closing_balance
    type: simple
    type_params: {measure: balance}
"""
    root = dbt_project(tmp_path / "dbt", {"models/sm.yml": ORDERS_SM, "models/m.yml": metrics})
    project = read(root)
    assert project.issues == []
    # `net` is gross - discount: one operand, kept whole.
    assert metric(project, "big_net")[1] == "(gross - discount) * 2 > 100"
    # customer__status is the status of the model whose primary entity is customer.
    assert metric(project, "paying_customers")[1] == "customer_status = 'paid'"
    assert metric(project, "monthly")[1] == "date_trunc('month', ordered_at) = '2026-01-01'"
    assert metric(project, "monthly_chained")[1] == metric(project, "monthly")[1]
    assert metric(project, "closing_balance")[0] == (
        "non_additive(sum(balance), 'ordered_at', 'max')"
    )


def test_a_measure_filter_is_the_metric_filter(tmp_path: Path) -> None:
    """dbt's `measure: {name, filter}` on a simple metric and a catalog metric's
    `filter:` say the same: no conflict."""
    catalog = """\
metric: paid_orders
description: Paid orders.
owner: analytics
approved_by: [finance]
formula: sum(1)
filter: status = 'paid'
sources: [payroll.payslip.generated]
"""
    metrics = """\
metrics:
  - name: paid_orders
    type: simple
    type_params:
      measure:
        name: order_count
        filter: "{{ Dimension('order_id__status') }} = 'paid'"
"""
    root = make_repo(tmp_path / "gov", {"govern.yaml": GOV_YAML, "metrics/paid.yaml": catalog})
    dbt_project(root / "analytics", {"models/sm.yml": ORDERS_SM, "models/m.yml": metrics})
    result = run_govern("conflicts", "--format", "json", cwd=root)
    assert result.returncode == 0, result.stdout
    assert json.loads(result.stdout)["conflicts"] == []


def test_what_dbt_would_refuse_or_skip(tmp_path: Path) -> None:
    metrics = """\
metrics:
  - {name: a, type: simple, type_params: {measure: order_count}}
metrics:
  - {name: b, type: simple, type_params: {measure: order_count}}
"""
    more = """\
semantic_models:
  - name: again
    model: ref('orders')
    measures:
      - {name: order_count, agg: count, expr: order_id}
metrics:
  - {name: off, type: simple, type_params: {measure: order_count}, config: {enabled: false}}
  - {name: block, type: simple, type_params: {measure: order_count}, hidden: true}
  - {name: twice_block, type: derived, type_params: {expr: 2 * block, metrics: [block]}}
  - {name: empty, type: simple, type_params: {measures: []}}
"""
    root = dbt_project(
        tmp_path / "dbt",
        {"models/sm.yml": ORDERS_SM, "models/dup.yml": metrics, "models/z_more.yml": more},
    )
    project = read(root)
    issues = [(i.path, i.line, i.message) for i in project.issues]
    # The duplicate `metrics:` key (line 3) is reported, as dbt refuses the file.
    assert any(i[:2] == ("dbt/models/dup.yml", 3) and "duplicate key" in i[2] for i in issues)
    # A second `order_count` measure (files are read in name order): reported at its
    # line (5), the first is kept.
    assert any(
        i[:2] == ("dbt/models/z_more.yml", 5) and "measure `order_count` is also defined" in i[2]
        for i in issues
    )
    assert any("`empty`" in i[2] for i in issues)
    names = {m.name for m in project.metrics}
    assert "off" not in names  # disabled
    assert "block" not in names  # hidden: an input of others, not published
    assert metric(project, "twice_block")[0] == "2 * (SUM(1))"


def test_owners_and_contracts_from_dbt_project_yml_and_sql_config(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "gov", {})
    project_yml = PROJECT_YML + (
        "models:\n"
        "  jaffle:\n"
        "    marts:\n"
        "      +group: finance\n"
        "      +meta:\n"
        "        contract: payroll.payslip.generated\n"
    )
    write_files(
        tmp_path / "dbt",
        {
            "dbt_project.yml": project_yml,
            "models/marts/fct_a.sql": "select 1",
            "models/staging/stg_b.sql": "{{ config(meta={'owner': 'analytics'}) }}\nselect 1",
            "models/staging/stg_off.sql": "{{ config(enabled=false) }}\nselect 1",
            "models/staging/py_model.py": "def model(dbt, session):\n    return None\n",
            "models/legacy/old.sql": "select 1",
            ".dbtignore": "legacy/\n",
            "models/groups.yml": (
                "groups:\n  - name: finance\n    owner: {name: finance, email: f@example.com}\n"
            ),
        },
    )
    result = run_govern(
        "coverage", "--format", "json", "--details", "--dbt-project", str(tmp_path / "dbt"),
        cwd=root,
    )  # fmt: skip
    models = next(m for m in json.loads(result.stdout)["coverage"] if m["name"] == "dbt_models")
    # fct_a (its contract from dbt_project.yml), stg_b and py_model (.py is a model);
    # stg_off is disabled and legacy/old.sql is ignored by .dbtignore.
    assert models["total"] == 3
    assert models["covered"] == 1
    teams = {s["team"]: (s["covered"], s["total"]) for s in models["by_team"]}
    assert teams == {"finance": (1, 1), "analytics": (0, 1), "(no owner)": (0, 1)}


def test_a_deep_chain_of_derived_metrics_is_a_warning_not_a_crash(tmp_path: Path) -> None:
    lines = ["metrics:", "  - {name: m0, type: simple, type_params: {measure: order_count}}"]
    for i in range(1, 400):
        lines.append(
            f"  - {{name: m{i}, type: derived, type_params: {{expr: m{i - 1} + 1, "
            f"metrics: [m{i - 1}]}}}}"
        )
    root = make_repo(tmp_path / "gov", {"govern.yaml": GOV_YAML})
    dbt_project(
        root / "analytics", {"models/sm.yml": ORDERS_SM, "models/m.yml": "\n".join(lines) + "\n"}
    )
    result = run_govern("conflicts", cwd=root)
    assert result.returncode in (0, 1), result.stderr
    assert "internal error" not in result.stderr
    assert "nest too deeply" in result.stderr or "does not parse" in result.stderr


def test_an_unknown_dialect_is_a_warning(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "gov", {"govern.yaml": GOV_YAML + "  dialect: notadialect\n"})
    dbt_project(root / "analytics", {"models/semantic.yml": SEMANTIC})
    result = run_govern("conflicts", cwd=root)
    assert result.returncode == 0
    assert "`dbt.dialect`: `notadialect` is not an SQL dialect" in result.stderr


def test_a_metric_inherits_its_semantic_models_group(tmp_path: Path) -> None:
    """The semantic model's group is a team (finance) whose dbt owner is a
    person: the simple metric on it is owned by the team."""
    text = """\
groups:
  - name: finance
    owner: {name: Jane Doe}
semantic_models:
  - name: payments
    model: ref('payments')
    config: {group: finance}
    measures:
      - {name: amount, agg: sum}
metrics:
  - {name: revenue, type: simple, type_params: {measure: amount}}
  - {name: revenue_7d, type: cumulative, input_metric: revenue, window: 7 days}
"""
    root = make_repo(tmp_path / "gov", {"govern.yaml": GOV_YAML})
    dbt_project(root / "analytics", {"models/payments.yml": text})
    result = run_govern("coverage", "--format", "json", cwd=root)
    owners = next(m for m in json.loads(result.stdout)["coverage"] if m["name"] == "dbt_metrics")
    # revenue: group finance (a team) through its semantic model; revenue_7d (latest
    # spec: `input_metric`) through revenue.
    assert (owners["covered"], owners["total"]) == (2, 2)
    assert owners["by_team"] == [{"team": "finance", "covered": 2, "total": 2, "percent": 100.0}]


def test_a_project_far_from_the_repository_is_named_by_its_absolute_path(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "a" / "b" / "gov", {})
    far = dbt_project(tmp_path / "far", {"models/bad.yml": "metrics: [\n"})
    result = run_govern("conflicts", "--dbt-project", str(far), cwd=root)
    # ../../../far would be a puzzle; the path as the user knows it is not.
    assert f"warning: {far.as_posix()}/models/bad.yml:2:1: invalid YAML" in result.stderr


def test_a_chain_of_a_thousand_input_metrics_is_no_crash(tmp_path: Path) -> None:
    # Each cumulative metric reads the one before it and names no measure:
    # finding an owner walks the chain, which once exhausted the stack (exit 3).
    chain = "".join(
        f"  - {{name: m{i}, type: cumulative, input_metric: m{i - 1}, window: 7 days}}\n"
        for i in range(1, 1200)
    )
    text = "metrics:\n  - {name: m0, type: cumulative, input_metric: nothing}\n" + chain
    root = make_repo(tmp_path / "gov", {"govern.yaml": GOV_YAML})
    dbt_project(root / "analytics", {"models/chain.yml": text})
    result = run_govern("coverage", "--format", "json", cwd=root)
    assert result.returncode in (0, 1), result.stderr
    owners = next(m for m in json.loads(result.stdout)["coverage"] if m["name"] == "dbt_metrics")
    assert (owners["covered"], owners["total"]) == (0, 1200)

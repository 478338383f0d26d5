"""SLA rules (GOV301-GOV305) as data tables: YAML added to the base repository
(tests/fixtures/base) and the exact (path, line, column) each rule reports.

Lines and columns are 1-based and were counted by hand from the YAML below:
CONTRACT is 8 lines, so the text a case appends starts on line 9; PIPELINE is
6 lines, so a case's pipeline keys start on line 7 (indented 4 spaces)."""

from __future__ import annotations

from pathlib import Path

import pytest

from govern.config import DEFAULT_LAYERS, Config
from tests.conftest import hits, lint_findings, make_repo

C = "contracts/payroll/run_completed.yaml"
CONTRACT = """\
contract: payroll.run.completed
version: 1.0.0
status: active
kind: table
description: One row per finished payroll run.
owner: payroll-engine
schema:
  payroll_run_id: {type: string, required: true, description: Run identifier}
"""

P = "ownership/pipelines.yaml"
PIPELINE = """\
pipelines:
  payroll_quality_daily:
    description: Daily payslip correction counts
    primary: data-engineering
    secondary: analytics
    sources: [payroll.payslip.generated]
"""

Where = tuple[str, int, int]


def contract(tail: str) -> dict[str, str | bytes]:
    return {C: CONTRACT + tail}


def pipeline(tail: str) -> dict[str, str | bytes]:
    return {P: PIPELINE + tail}


def reported(
    tmp_path: Path, code: str, files: dict[str, str | bytes], config: Config | None = None
) -> list[Where]:
    root = make_repo(tmp_path / "repo", files)
    return sorted(hits(lint_findings(root, config), code))


# --- GOV301 sla-duration -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        # "  freshness: " is 13 characters: the value starts in column 14.
        pytest.param(contract("sla:\n  freshness: one hour\n"), [(C, 10, 14)], id="fails-words"),
        pytest.param(
            contract("sla:\n  freshness: 15\n"), [(C, 10, 14)], id="fails-number-without-unit"
        ),
        pytest.param(
            contract("sla:\n  freshness: 1 hour\n"), [(C, 10, 14)], id="fails-unit-as-word"
        ),
        pytest.param(contract("sla:\n  freshness: PT1H\n"), [(C, 10, 14)], id="fails-iso-8601"),
        pytest.param(
            contract('sla:\n  freshness: "4 hours"\n'), [(C, 10, 14)], id="fails-quoted-words"
        ),
        pytest.param(contract("sla:\n  freshness: -1h\n"), [(C, 10, 14)], id="fails-negative"),
        # Was an OverflowError out of timedelta: the whole lint crashed.
        pytest.param(
            contract("sla:\n  freshness: 99999999999d\n"), [(C, 10, 14)], id="fails-beyond-any-date"
        ),
        # "sla: {freshness: " is 17 characters.
        pytest.param(
            contract("sla: {freshness: one hour, completeness: 99.9%}\n"),
            [(C, 9, 18)],
            id="fails-flow-mapping",
        ),
        # "      freshness: " is 17 characters.
        pytest.param(
            pipeline("    sla:\n      freshness: soon\n"),
            [(P, 8, 18)],
            id="fails-pipeline-freshness",
        ),
        # "        respond_within: " is 24 characters.
        pytest.param(
            pipeline(
                "    severity_escalation:\n"
                "      high:\n"
                "        respond_within: two hours\n"
                "        then: [manager]\n"
            ),
            [(P, 9, 25)],
            id="fails-respond-within",
        ),
        # "      low: {respond_within: " is 28 characters; the high level is fine.
        pytest.param(
            pipeline(
                "    severity_escalation:\n"
                "      high: {respond_within: 2h, then: [manager]}\n"
                "      low: {respond_within: next week, then: [analytics]}\n"
            ),
            [(P, 9, 29)],
            id="fails-one-of-two-levels",
        ),
        pytest.param(contract("sla:\n  freshness: 15m\n"), [], id="passes-15m"),
        pytest.param(contract("sla:\n  freshness: 4h\n"), [], id="passes-4h"),
        pytest.param(contract("sla:\n  freshness: 2d\n"), [], id="passes-2d"),
        pytest.param(contract("sla:\n  freshness: 48h\n"), [], id="passes-48h"),
        pytest.param(contract("sla:\n  freshness: 1.5h\n"), [], id="passes-decimal"),
        pytest.param(contract("sla:\n  freshness: 90 min\n"), [], id="passes-min-with-space"),
        pytest.param(contract("sla:\n  completeness: 99.9%\n"), [], id="passes-no-freshness"),
        pytest.param(contract(""), [], id="passes-no-sla"),
        pytest.param(
            pipeline(
                "    sla: {freshness: 6h}\n"
                "    severity_escalation:\n"
                "      high: {respond_within: 2h, then: [manager, finance]}\n"
            ),
            [],
            id="passes-pipeline-seed-003",
        ),
    ],
)
def test_sla_duration(tmp_path: Path, files: dict[str, str | bytes], expected: list[Where]) -> None:
    assert reported(tmp_path, "GOV301", files) == sorted(expected)


# --- GOV302 sla-percentage -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        # "  completeness: " and "  availability: " are 16 characters.
        pytest.param(
            contract("sla:\n  completeness: 0.999\n"), [(C, 10, 17)], id="fails-0.999-is-ambiguous"
        ),
        pytest.param(
            contract("sla:\n  completeness: 99.9\n"), [(C, 10, 17)], id="fails-number-without-sign"
        ),
        pytest.param(
            contract("sla:\n  availability: 100\n"), [(C, 10, 17)], id="fails-integer-without-sign"
        ),
        pytest.param(
            contract("sla:\n  availability: 101%\n"), [(C, 10, 17)], id="fails-101-percent"
        ),
        pytest.param(
            contract('sla:\n  completeness: "-0.1%"\n'), [(C, 10, 17)], id="fails-negative"
        ),
        pytest.param(
            contract("sla:\n  completeness: 99.9 percent\n"), [(C, 10, 17)], id="fails-word-percent"
        ),
        pytest.param(
            contract("sla:\n  completeness: 0.999\n  availability: 101%\n"),
            [(C, 10, 17), (C, 11, 17)],
            id="fails-both",
        ),
        # "sla: {completeness: " is 20 characters.
        pytest.param(
            contract("sla: {completeness: 0.999, availability: 99.5%}\n"),
            [(C, 9, 21)],
            id="fails-flow-mapping",
        ),
        pytest.param(contract("sla:\n  completeness: 99.9%\n"), [], id="passes-99.9%"),
        pytest.param(contract("sla:\n  completeness: 100%\n"), [], id="passes-100%"),
        pytest.param(contract("sla:\n  completeness: 0%\n"), [], id="passes-0%"),
        pytest.param(
            contract("sla:\n  availability: 99.95 %\n"), [], id="passes-space-before-sign"
        ),
        pytest.param(
            contract("sla: {completeness: 99.9%, availability: 99.5%}\n"),
            [],
            id="passes-product-example",
        ),
        pytest.param(contract("sla:\n  freshness: 1h\n"), [], id="passes-no-percentages"),
    ],
)
def test_sla_percentage(
    tmp_path: Path, files: dict[str, str | bytes], expected: list[Where]
) -> None:
    assert reported(tmp_path, "GOV302", files) == sorted(expected)


# --- GOV303 sla-layer-freshness ------------------------------------------------------------


def dataset(name: str, freshness: str) -> dict[str, str | bytes]:
    """`dataset:` on line 9, `sla:` on 10, freshness on 11 from column 14."""
    return contract(f"dataset: {name}\nsla:\n  freshness: {freshness}\n")


def targets(names: str, freshness: str) -> dict[str, str | bytes]:
    """`targets:` on line 7, `sla:` on 8, freshness on 9 from column 18."""
    return pipeline(f"    targets: [{names}]\n    sla:\n      freshness: {freshness}\n")


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            dataset("stg_payroll_runs_daily", "4h"), [(C, 11, 14)], id="fails-stg-4h-over-1h"
        ),
        pytest.param(
            dataset("raw_payroll_events", "30m"), [(C, 11, 14)], id="fails-raw-30m-over-15m"
        ),
        pytest.param(
            dataset("curated_payroll_runs_daily", "5h"),
            [(C, 11, 14)],
            id="fails-curated-5h-over-4h",
        ),
        pytest.param(
            dataset("mart_payroll_cost_monthly", "8h"), [(C, 11, 14)], id="fails-mart-8h-over-6h"
        ),
        pytest.param(dataset("mart_payroll_cost_monthly", "1d"), [(C, 11, 14)], id="fails-mart-1d"),
        pytest.param(
            dataset("staging_payroll_runs", "2h"), [(C, 11, 14)], id="fails-staging-spelled-out"
        ),
        pytest.param(
            dataset("analytics.stg_payroll_runs", "2h"), [(C, 11, 14)], id="fails-schema-qualified"
        ),
        pytest.param(dataset("STG_PAYROLL_RUNS", "2h"), [(C, 11, 14)], id="fails-upper-case-name"),
        # "sla: {freshness: " is 17 characters.
        pytest.param(
            contract("dataset: raw_payroll_events\nsla: {freshness: 1h}\n"),
            [(C, 10, 18)],
            id="fails-flow-mapping",
        ),
        pytest.param(
            targets("stg_payroll_quality, mart_payroll_quality_daily", "2h"),
            [(P, 9, 18)],
            id="fails-pipeline-stg-target",
        ),
        # One finding per target that the freshness breaks.
        pytest.param(
            targets("raw_payroll_events, stg_payroll_quality", "2h"),
            [(P, 9, 18), (P, 9, 18)],
            id="fails-pipeline-two-targets",
        ),
        pytest.param(dataset("stg_payroll_runs_daily", "1h"), [], id="passes-stg-at-limit"),
        pytest.param(dataset("raw_payroll_events", "15m"), [], id="passes-raw-at-limit"),
        pytest.param(dataset("raw_payroll_events", "5m"), [], id="passes-raw-faster"),
        pytest.param(dataset("mart_payroll_cost_monthly", "6h"), [], id="passes-mart-at-limit"),
        pytest.param(dataset("payroll_runs_daily", "2d"), [], id="passes-no-layer-prefix"),
        pytest.param(dataset("payroll_stg_runs", "2d"), [], id="passes-layer-word-not-prefix"),
        pytest.param(dataset("stgpayroll_runs", "2d"), [], id="passes-prefix-not-a-word"),
        # A table called `raw` has no `{layer}_{entity}` name; its schema's `_` is no
        # layer separator (this was reported as the raw layer).
        pytest.param(dataset("warehouse_prod.raw", "1h"), [], id="passes-table-named-raw"),
        pytest.param(contract("sla:\n  freshness: 2d\n"), [], id="passes-no-dataset"),
        # GOV301 reports the freshness; GOV303 cannot compare it.
        pytest.param(dataset("stg_payroll_runs_daily", "soon"), [], id="passes-unparsed-freshness"),
        pytest.param(targets("mart_payroll_quality_daily", "6h"), [], id="passes-pipeline-mart"),
        pytest.param(
            pipeline("    sla:\n      freshness: 1d\n"), [], id="passes-pipeline-no-targets"
        ),
        pytest.param(
            pipeline("    targets: [stg_payroll_quality]\n    sla: {delivery: daily}\n"),
            [],
            id="passes-pipeline-no-freshness",
        ),
    ],
)
def test_sla_layer_freshness(
    tmp_path: Path, files: dict[str, str | bytes], expected: list[Where]
) -> None:
    assert reported(tmp_path, "GOV303", files) == sorted(expected)


MEDALLION = Config(layers={"bronze": "10m", "silver": "1h", "gold": "6h"})
SLOWER_STAGING = Config(layers={**DEFAULT_LAYERS, "stg": "2h"})


@pytest.mark.parametrize(
    ("config", "files", "expected"),
    [
        pytest.param(
            MEDALLION,
            dataset("bronze_payroll_events", "30m"),
            [(C, 11, 14)],
            id="fails-custom-layer",
        ),
        pytest.param(
            MEDALLION,
            targets("gold_payroll_cost", "1d"),
            [(P, 9, 18)],
            id="fails-custom-layer-pipeline",
        ),
        pytest.param(
            MEDALLION, dataset("silver_payroll_runs", "1h"), [], id="passes-custom-layer-at-limit"
        ),
        # The configured layers adjust the defaults: `stg` (1h) still applies...
        pytest.param(
            MEDALLION,
            dataset("stg_payroll_runs", "4h"),
            [(C, 11, 14)],
            id="fails-default-layer-kept",
        ),
        # ...unless it is turned off.
        pytest.param(
            Config(layers={"stg": "off"}),
            dataset("stg_payroll_runs", "4h"),
            [],
            id="passes-default-layer-turned-off",
        ),
        pytest.param(
            SLOWER_STAGING, dataset("stg_payroll_runs", "2h"), [], id="passes-raised-limit"
        ),
        pytest.param(
            SLOWER_STAGING,
            dataset("stg_payroll_runs", "3h"),
            [(C, 11, 14)],
            id="fails-raised-limit",
        ),
        pytest.param(
            SLOWER_STAGING,
            dataset("raw_payroll_events", "30m"),
            [(C, 11, 14)],
            id="fails-other-defaults-kept",
        ),
        pytest.param(
            Config(layers={"Bronze": "10m"}),
            dataset("bronze_payroll_events", "30m"),
            [(C, 11, 14)],
            id="fails-layer-configured-in-capitals",
        ),
    ],
)
def test_sla_layer_freshness_configured(
    tmp_path: Path, config: Config, files: dict[str, str | bytes], expected: list[Where]
) -> None:
    assert reported(tmp_path, "GOV303", files, config) == sorted(expected)


def test_sla_layer_freshness_message(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", dataset("analytics.stg_payroll_runs", "4h"))
    [finding] = [f for f in lint_findings(root) if f.rule == "GOV303"]
    assert finding.message == (
        "freshness 4h is slower than the `stg` layer promises for "
        "`analytics.stg_payroll_runs` (at most 1h)"
    )


# --- GOV304 sla-schedule -------------------------------------------------------------------


def delivery(text: str) -> dict[str, str | bytes]:
    """`sla:` on line 9, delivery on line 10 from column 13 ("  delivery: ")."""
    return contract(f"sla:\n  delivery: {text}\n")


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(delivery("every morning at 9"), [(C, 10, 13)], id="fails-prose"),
        pytest.param(delivery("daily 09:00"), [(C, 10, 13)], id="fails-time-without-utc"),
        pytest.param(delivery("daily 09:00 CET"), [(C, 10, 13)], id="fails-other-zone"),
        pytest.param(delivery("daily 9am UTC"), [(C, 10, 13)], id="fails-am-pm"),
        pytest.param(
            delivery("weekly fri 09:00 UTC"), [(C, 10, 13)], id="fails-weekday-abbreviated"
        ),
        pytest.param(delivery("weekly 09:00 UTC"), [(C, 10, 13)], id="fails-weekly-no-weekday"),
        pytest.param(delivery("monthly 32 00:00 UTC"), [(C, 10, 13)], id="fails-day-32"),
        pytest.param(delivery("09:00 UTC"), [(C, 10, 13)], id="fails-no-frequency"),
        # "    schedule: " is 14 characters.
        pytest.param(
            pipeline("    schedule: daily 09:00\n"),
            [(P, 7, 15)],
            id="fails-pipeline-schedule-without-utc",
        ),
        # "      delivery: " is 16 characters.
        pytest.param(
            pipeline("    sla:\n      delivery: Fridays\n"),
            [(P, 8, 17)],
            id="fails-pipeline-sla-delivery",
        ),
        # "    sla: {delivery: " is 20 characters.
        pytest.param(
            pipeline("    schedule: daily at 9\n    sla: {delivery: friday 09:00 UTC}\n"),
            [(P, 7, 15), (P, 8, 21)],
            id="fails-pipeline-both",
        ),
        pytest.param(delivery("daily 09:00 UTC"), [], id="passes-seed-003-daily-9-utc"),
        pytest.param(delivery("daily 9:00 UTC"), [], id="passes-one-digit-hour"),
        pytest.param(delivery("daily 09:00 Z"), [], id="passes-zulu"),
        pytest.param(delivery("weekly friday 09:00 UTC"), [], id="passes-weekly"),
        pytest.param(delivery("Weekly Friday 17:30 utc"), [], id="passes-any-case"),
        pytest.param(delivery("monthly 28 00:00 UTC"), [], id="passes-seed-003-28th"),
        pytest.param(delivery("hourly"), [], id="passes-hourly"),
        pytest.param(delivery("daily"), [], id="passes-daily-without-time"),
        pytest.param(
            pipeline("    schedule: daily 09:00 UTC\n    sla: {delivery: daily 09:00 UTC}\n"),
            [],
            id="passes-pipeline",
        ),
    ],
)
def test_sla_schedule(tmp_path: Path, files: dict[str, str | bytes], expected: list[Where]) -> None:
    assert reported(tmp_path, "GOV304", files) == sorted(expected)


# --- GOV305 retention-format ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        # "retention: " is 11 characters.
        pytest.param(contract("retention: seven years\n"), [(C, 9, 12)], id="fails-words"),
        pytest.param(contract("retention: 7 years\n"), [(C, 9, 12)], id="fails-unit-as-word"),
        pytest.param(contract("retention: forever\n"), [(C, 9, 12)], id="fails-forever"),
        pytest.param(contract("retention: 7\n"), [(C, 9, 12)], id="fails-number-without-unit"),
        pytest.param(contract("retention: P7Y\n"), [(C, 9, 12)], id="fails-iso-8601"),
        pytest.param(contract("retention: 7y\n"), [], id="passes-7y"),
        pytest.param(contract("retention: 90d\n"), [], id="passes-90d"),
        pytest.param(contract("retention: 52w\n"), [], id="passes-52w"),
        pytest.param(contract("retention: indefinite\n"), [], id="passes-indefinite"),
        pytest.param(contract("retention: Indefinite\n"), [], id="passes-indefinite-capital"),
        pytest.param(contract(""), [], id="passes-no-retention"),
    ],
)
def test_retention_format(
    tmp_path: Path, files: dict[str, str | bytes], expected: list[Where]
) -> None:
    assert reported(tmp_path, "GOV305", files) == sorted(expected)

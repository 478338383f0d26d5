"""Field-level rules (GOV220-GOV231): a table per rule of YAML that fails, with
the exact position of each finding, and YAML that passes.

Every case is a contract built with ``contract()`` (tests/rules/table.py): six
header lines, then ``schema:`` on line 7 and the first field on line 8.
Positions are counted by hand from the YAML of each case."""

from __future__ import annotations

from pathlib import Path

import pytest

from govern.config import Config
from tests.rules.table import RUN, Case, check, contract, fails, passes, table

GOV220 = table(
    "GOV220",
    fails(
        "top-level-flow",
        {
            RUN: contract("""
        schema:
          run_id: {type: string, required: true}
    """)
        },
        (RUN, 8, 3),
        says=("field `run_id` has no description",),
    ),
    fails(
        "nested-fields-two-at-once",
        {
            RUN: contract("""
        schema:
          run_id: {type: string, description: Run identifier}
          totals:
            type: object
            description: Totals of the run
            fields:
              gross: {type: long}
              net:
                type: long
                description: ""
    """)
        },
        (RUN, 13, 7),
        (RUN, 14, 7),
        says=("`totals.gross`", "`totals.net`"),
    ),
    fails(
        "fields-of-array-items",
        {
            RUN: contract("""
        schema:
          lines:
            type: array
            description: Line items
            items:
              type: object
              fields:
                amount: {type: long}
    """)
        },
        (RUN, 14, 9),
        says=("field `lines.items.amount` has no description",),
    ),
    # A nested field may be called `items`: it is a field, not an array's items.
    fails(
        "subfield-named-items",
        {
            RUN: contract("""
        schema:
          order:
            type: object
            description: The order
            fields:
              items:
                type: array
                items: {type: string}
    """)
        },
        (RUN, 12, 7),
        says=("field `order.items` has no description",),
    ),
    fails(
        "top-level-field-named-items",
        {
            RUN: contract("""
        schema:
          items: {type: string}
    """)
        },
        (RUN, 8, 3),
        says=("field `items` has no description",),
    ),
    passes(
        "described",
        {
            RUN: contract("""
        schema:
          run_id: {type: string, description: Run identifier}
          totals:
            type: object
            description: Totals of the run
            fields:
              gross: {type: long, description: Sum of gross pay}
    """)
        },
    ),
    # Array items are described by their array.
    passes(
        "array-items",
        {
            RUN: contract("""
        schema:
          codes: {type: array, description: Tax codes, items: {type: string}}
    """)
        },
    ),
    # `description: 42` is a shape error (GOV004), not a missing description.
    passes(
        "description-of-wrong-type-is-another-rule",
        {
            RUN: contract("""
        schema:
          run_id: {type: string, description: 42}
    """)
        },
        requires=("GOV004",),
    ),
)

GOV221 = table(
    "GOV221",
    fails(
        "camel-case",
        {
            RUN: contract("""
        schema:
          payrollRunId: {type: string, description: Run identifier}
    """)
        },
        (RUN, 8, 3),
        says=("field name `payrollRunId` is not snake_case (like `payroll_run_id`)",),
    ),
    fails(
        "four-at-once",
        {
            RUN: contract("""
        schema:
          Gross-Pay: {type: long, description: Gross pay}
          run__id: {type: string, description: Run identifier}
          _private: {type: string, description: Internal}
          1st_run: {type: boolean, description: First run of the year}
    """)
        },
        (RUN, 8, 3),
        (RUN, 9, 3),
        (RUN, 10, 3),
        (RUN, 11, 3),
        says=(
            "`Gross-Pay` is not snake_case (like `gross_pay`)",
            "(like `run_id`)",
            "(like `private`)",
            "`1st_run` is not snake_case (lowercase words joined by `_`, starting with a letter)",
        ),
    ),
    fails(
        "nested-and-in-array-items",
        {
            RUN: contract("""
        schema:
          totals:
            type: object
            description: Totals
            fields:
              grossPay: {type: long, description: Gross pay}
          lines:
            type: array
            description: Line items
            items:
              type: object
              fields:
                lineAmount: {type: long, description: Amount}
    """)
        },
        (RUN, 12, 7),
        (RUN, 19, 9),
        says=("`grossPay`", "`lineAmount`"),
    ),
    passes(
        "snake-case-with-digits",
        {
            RUN: contract("""
        schema:
          address_line_2: {type: string, description: Second address line, pii: false}
          run_id: {type: string, description: Run identifier}
    """)
        },
    ),
    passes(
        "items-subfield-and-array-items",
        {
            RUN: contract("""
        schema:
          order:
            type: object
            description: The order
            fields:
              items: {type: array, description: Ordered items, items: {type: string}}
    """)
        },
    ),
)

GOV222 = table(
    "GOV222",
    fails(
        "sql-type",
        {
            RUN: contract("""
        schema:
          run_id: {type: varchar(36), description: Run identifier}
    """)
        },
        (RUN, 8, 18),
        says=("`varchar(36)` is not a field type",),
    ),
    fails(
        "four-at-once-block",
        {
            RUN: contract("""
        schema:
          a_count:
            type: int
            description: A count
          amount:
            type: decimal(40,2)
            description: Precision above 38
          rate:
            type: decimal(10,12)
            description: Scale above precision
          total:
            type: decimal
            description: No precision
    """)
        },
        (RUN, 9, 11),
        (RUN, 12, 11),
        (RUN, 15, 11),
        (RUN, 18, 11),
        says=("`int`", "`decimal(40,2)`", "`decimal(10,12)`", "`decimal` is not"),
    ),
    fails(
        "nested-items-and-fields",
        {
            RUN: contract("""
        schema:
          lines:
            type: array
            description: Line items
            items: {type: uuid}
          totals:
            type: object
            description: Totals
            fields:
              gross: {type: money, description: Gross}
    """)
        },
        (RUN, 11, 19),
        (RUN, 16, 21),
        says=("`uuid`", "`money`"),
    ),
    passes(
        "every-type",
        {
            RUN: contract("""
        schema:
          a: {type: string, description: A}
          b: {type: integer, description: B}
          c: {type: long, description: C}
          d: {type: "decimal(18,2)", description: D}
          e: {type: float, description: E}
          f: {type: double, description: F}
          g: {type: boolean, description: G}
          h: {type: date, description: H}
          i: {type: timestamp, description: I}
          j: {type: timestamp_tz, description: J}
          k: {type: time, description: K}
          l: {type: bytes, description: L}
          m: {type: json, description: M}
          n: {type: object, description: N, fields: {x: {type: string, description: X}}}
          o: {type: array, description: O, items: {type: long}}
    """)
        },
    ),
    # Types are read case-insensitively, spaces allowed inside decimal(p, s).
    passes(
        "spelling-variants",
        {
            RUN: contract("""
        schema:
          a: {type: "decimal(18, 2)", description: A}
          b: {type: String, description: B}
          c: {type: "DECIMAL(38,0)", description: C}
    """)
        },
    ),
)

GOV223 = table(
    "GOV223",
    fails(
        "object-without-fields",
        {
            RUN: contract("""
        schema:
          totals: {type: object, description: Totals}
    """)
        },
        (RUN, 8, 18),
        says=("object field `totals` needs `fields:`",),
    ),
    fails(
        "object-with-empty-fields",
        {
            RUN: contract("""
        schema:
          totals:
            type: object
            description: Totals
            fields: {}
    """)
        },
        (RUN, 9, 11),
    ),
    fails(
        "array-without-items",
        {
            RUN: contract("""
        schema:
          lines: {type: array, description: Line items}
    """)
        },
        (RUN, 8, 17),
        says=("array field `lines` needs `items:`",),
    ),
    # `fields` and `items` on other types: pointed at the offending key.
    fails(
        "fields-and-items-on-scalars",
        {
            RUN: contract("""
        schema:
          run_id:
            type: string
            description: Run identifier
            fields:
              part: {type: string, description: A part}
          worker_count: {type: integer, description: W, items: {type: integer}}
    """)
        },
        (RUN, 11, 5),
        (RUN, 13, 49),
        says=(
            "`fields` only applies to objects; `run_id` is string",
            "`items` only applies to arrays; `worker_count` is integer",
        ),
    ),
    fails(
        "array-of-objects-without-fields",
        {
            RUN: contract("""
        schema:
          lines:
            type: array
            description: Line items
            items: {type: object}
    """)
        },
        (RUN, 11, 19),
        says=("object field `lines.items` needs `fields:`",),
    ),
    passes(
        "well-formed",
        {
            RUN: contract("""
        schema:
          totals:
            type: object
            description: Totals
            fields:
              gross: {type: long, description: Gross}
          codes: {type: array, description: Codes, items: {type: string}}
          lines:
            type: array
            description: Line items
            items:
              type: object
              fields:
                amount: {type: long, description: Amount}
          matrix: {type: array, description: Rows, items: {type: array, items: {type: long}}}
    """)
        },
    ),
    # A malformed `fields`/`items` is a shape error (GOV004), not a missing one.
    passes(
        "malformed-structure-is-another-rule",
        {
            RUN: contract("""
        schema:
          totals: {type: object, description: Totals, fields: [gross, net]}
          codes: {type: array, description: Codes, items: string}
    """)
        },
        requires=("GOV004",),
    ),
)

GOV224 = table(
    "GOV224",
    fails(
        "min-above-max",
        {
            RUN: contract("""
        schema:
          worker_count: {type: integer, min: 10, max: 1, description: W}
    """)
        },
        (RUN, 8, 38),
        says=("`worker_count`: min 10 is above max 1",),
    ),
    fails(
        "min-length-above-max-length",
        {
            RUN: contract("""
        schema:
          country_code:
            type: string
            min_length: 3
            max_length: 2
            description: ISO 3166-1 alpha-2
    """)
        },
        (RUN, 10, 17),
        says=("`country_code`: min_length 3 is above max_length 2",),
    ),
    # A constraint on the wrong type: pointed at the constraint's key.
    fails(
        "constraints-on-wrong-types-at-once",
        {
            RUN: contract("""
        schema:
          worker_count:
            type: integer
            pattern: "^[0-9]+$"
            max_length: 5
            description: Workers
          paid_on:
            type: date
            min: 20240101
            description: Pay date
          run_id: {type: string, max: 5, description: Run identifier}
    """)
        },
        (RUN, 10, 5),
        (RUN, 11, 5),
        (RUN, 15, 5),
        (RUN, 17, 26),
        says=(
            "`pattern` applies to strings; `worker_count` is integer",
            "`max_length` applies to strings",
            "`min` applies to numbers; `paid_on` is date",
            "`max` applies to numbers; `run_id` is string",
        ),
    ),
    fails(
        "enum-values-of-wrong-types",
        {
            RUN: contract("""
        schema:
          run_status: {type: string, enum: [completed, 2, true], description: S}
          grade: {type: integer, enum: [1, "2", 2.5], description: G}
          is_final: {type: boolean, enum: [true, "yes"], description: F}
    """)
        },
        (RUN, 8, 48),
        (RUN, 8, 51),
        (RUN, 9, 36),
        (RUN, 9, 41),
        (RUN, 10, 42),
        says=(
            "enum value 2 does not fit the type of `run_status` (string)",
            "enum value 2.5 does not fit the type of `grade` (integer)",
            "enum value 'yes' does not fit the type of `is_final` (boolean)",
        ),
    ),
    fails(
        "array-items-min-above-max",
        {
            RUN: contract("""
        schema:
          scores: {type: array, description: S, items: {type: integer, min: 5, max: 1}}
    """)
        },
        (RUN, 8, 69),
        says=("`scores.items`: min 5 is above max 1",),
    ),
    passes(
        "constraints-that-fit",
        {
            RUN: contract("""
        schema:
          worker_count: {type: integer, min: 1, max: 100000, description: Workers}
          rate: {type: "decimal(5,4)", min: 0, max: 1.5, description: Rate}
          share: {type: double, min: 0.5, max: 0.5, description: Exactly one half}
          country_code:
            type: string
            pattern: "^[A-Z]{2}$"
            min_length: 2
            max_length: 2
            description: ISO 3166-1 alpha-2
    """)
        },
    ),
    passes(
        "enums-that-fit",
        {
            RUN: contract("""
        schema:
          run_status: {type: string, enum: [completed, reversed], description: S}
          grade: {type: long, enum: [1, 2, 3], description: G}
          weight: {type: double, enum: [0.5, 1], description: W}
          is_final: {type: boolean, enum: [true, false], description: F}
    """)
        },
    ),
)

GOV225 = table(
    "GOV225",
    fails(
        "unterminated-set-flow",
        {
            RUN: contract("""
        schema:
          country_code: {type: string, pattern: "^[A-Z{2}$", description: C}
    """)
        },
        (RUN, 8, 41),
        says=("pattern does not compile: unterminated character set",),
    ),
    fails(
        "unbalanced-parenthesis-block",
        {
            RUN: contract("""
        schema:
          run_id:
            type: string
            pattern: '(RUN-[0-9]+'
            description: Run identifier
    """)
        },
        (RUN, 10, 14),
        says=("missing ), unterminated subpattern",),
    ),
    fails(
        "array-items",
        {
            RUN: contract("""
        schema:
          codes: {type: array, description: C, items: {type: string, pattern: "*"}}
    """)
        },
        (RUN, 8, 71),
        says=("nothing to repeat",),
    ),
    passes(
        "compiles",
        {
            RUN: contract(r"""
        schema:
          country_code: {type: string, pattern: "^[A-Z]{2}$", description: C}
          period: {type: string, pattern: '^\d{4}-\d{2}$', description: Pay period}
          run_id: {type: string, pattern: "^(RUN|ADJ)-[0-9]+$", description: Run identifier}
    """)
        },
    ),
)

GOV226 = table(
    "GOV226",
    fails(
        "case",
        {
            RUN: contract("""
        schema:
          change_reason: {type: string, enum: [promotion, Promotion, merit], description: W}
    """)
        },
        (RUN, 8, 51),
        says=("enum value 'Promotion' repeats 'promotion'",),
    ),
    fails(
        "spaces-underscores-hyphens-at-once",
        {
            RUN: contract("""
        schema:
          change_reason:
            type: string
            description: Why the salary changed
            enum:
              - annual increase
              - annual_increase
              - Annual-Increase
              - merit_increase
    """)
        },
        (RUN, 13, 9),
        (RUN, 14, 9),
        says=(
            "enum value 'annual_increase' repeats 'annual increase'",
            "enum value 'Annual-Increase' repeats 'annual increase'",
        ),
    ),
    fails(
        "exact-number",
        {
            RUN: contract("""
        schema:
          grade: {type: integer, enum: [1, 2, 1], description: G}
    """)
        },
        (RUN, 8, 39),
        says=("enum value 1 repeats 1",),
    ),
    fails(
        "array-items",
        {
            RUN: contract("""
        schema:
          reasons: {type: array, description: R, items: {type: string, enum: [a, A]}}
    """)
        },
        (RUN, 8, 74),
    ),
    passes(
        "distinct",
        {
            RUN: contract("""
        schema:
          change_reason:
            type: string
            description: Why the salary changed
            enum: [promotion, promotional, merit_increase, annual_increase]
          grade: {type: integer, enum: [1, 10, 11], description: G}
    """)
        },
    ),
)

GOV227 = table(
    "GOV227",
    fails(
        "free-text-reason",
        {
            RUN: contract("""
        schema:
          change_reason: {type: string, description: Why the salary changed}
    """)
        },
        (RUN, 8, 3),
        says=("`change_reason` looks categorical but allows free text: list its values in `enum`",),
    ),
    # `String` is the string type; a field named by the ending alone is categorical.
    fails(
        "three-at-once",
        {
            RUN: contract("""
        schema:
          run_status: {type: String, description: S}
          status: {type: string, description: S}
          payment:
            type: object
            description: Payment
            fields:
              payment_type: {type: string, description: T}
    """)
        },
        (RUN, 8, 3),
        (RUN, 9, 3),
        (RUN, 14, 7),
        says=("`run_status`", "`status` looks categorical", "`payment.payment_type`"),
    ),
    # The endings are `categorical_suffixes` in govern.yaml.
    fails(
        "configured-suffixes",
        {
            RUN: contract("""
        schema:
          currency_code: {type: string, description: C}
          code: {type: string, description: C}
          run_status: {type: string, description: S}
    """)
        },
        (RUN, 8, 3),
        (RUN, 9, 3),
        config=Config(categorical_suffixes=["_code"]),
    ),
    passes(
        "enum-or-pattern",
        {
            RUN: contract("""
        schema:
          change_reason: {type: string, enum: [promotion, merit_increase], description: W}
          run_status: {type: string, pattern: "^[A-Z]{3}$", description: S}
    """)
        },
    ),
    passes(
        "not-a-string",
        {
            RUN: contract("""
        schema:
          run_status: {type: integer, description: Status code}
          pay_type: {type: json, description: Raw}
    """)
        },
    ),
    passes(
        "other-names",
        {
            RUN: contract("""
        schema:
          status_note: {type: string, description: Free text on purpose}
          statuses: {type: array, description: History, items: {type: string}}
    """)
        },
    ),
    passes(
        "default-endings-not-configured",
        {
            RUN: contract("""
        schema:
          run_status: {type: string, description: S}
    """)
        },
        config=Config(categorical_suffixes=["_code"]),
    ),
    # `enum: promotion` is a shape error (GOV004), not a missing enum.
    passes(
        "malformed-enum-is-another-rule",
        {
            RUN: contract("""
        schema:
          change_reason: {type: string, enum: promotion, description: W}
    """)
        },
        requires=("GOV004",),
    ),
)

GOV228 = table(
    "GOV228",
    fails(
        "no-classification",
        {
            RUN: contract("""
        schema:
          worker_email: {type: string, pii: true, masking: hash, description: E}
    """)
        },
        (RUN, 8, 3),
        says=("PII field `worker_email` has no classification (confidential or restricted)",),
    ),
    # A level too low: pointed at the classification's value.
    fails(
        "public-and-internal-at-once",
        {
            RUN: contract("""
        schema:
          worker_email:
            type: string
            pii: true
            classification: public
            masking: hash
            description: E
          worker_phone:
            type: string
            pii: true
            classification: internal
            masking: redact
            description: P
    """)
        },
        (RUN, 11, 21),
        (RUN, 17, 21),
        says=(
            "PII field `worker_email` is classified `public`; personal data is "
            "confidential or restricted",
            "`worker_phone` is classified `internal`",
        ),
    ),
    fails(
        "nested",
        {
            RUN: contract("""
        schema:
          contact:
            type: object
            description: C
            fields:
              email:
                type: string
                pii: true
                masking: hash
                description: E
    """)
        },
        (RUN, 12, 7),
        says=("PII field `contact.email` has no classification",),
    ),
    passes(
        "confidential-and-restricted",
        {
            RUN: contract("""
        schema:
          worker_email:
            type: string
            pii: true
            classification: confidential
            masking: hash
            description: E
          worker_ssn: {type: string, pii: true, classification: restricted, masking: redact}
    """)
        },
    ),
    passes(
        "not-pii",
        {
            RUN: contract("""
        schema:
          support_email: {type: string, pii: false, classification: public, description: S}
          run_id: {type: string, classification: public, description: R}
    """)
        },
    ),
    # `classification: secret` is a shape error (GOV004), not a missing classification.
    passes(
        "unknown-level-is-another-rule",
        {
            RUN: contract("""
        schema:
          worker_email:
            type: string
            pii: true
            classification: secret
            masking: hash
            description: E
    """)
        },
        requires=("GOV004",),
    ),
)

GOV229 = table(
    "GOV229",
    fails(
        "no-masking",
        {
            RUN: contract("""
        schema:
          worker_email: {type: string, pii: true, classification: confidential, description: E}
    """)
        },
        (RUN, 8, 3),
        says=("PII field `worker_email` has no `masking`",),
    ),
    fails(
        "blank-masking",
        {
            RUN: contract("""
        schema:
          worker_email:
            type: string
            pii: true
            classification: confidential
            masking: "  "
            description: E
    """)
        },
        (RUN, 8, 3),
    ),
    fails(
        "array-items",
        {
            RUN: contract("""
        schema:
          emails:
            type: array
            description: Addresses
            items:
              type: string
              pii: true
              classification: restricted
    """)
        },
        (RUN, 11, 5),
        says=("PII field `emails.items` has no `masking`",),
    ),
    passes(
        "masked",
        {
            RUN: contract("""
        schema:
          worker_email:
            type: string
            pii: true
            classification: confidential
            masking: hash
            description: E
          worker_name:
            type: string
            pii: true
            classification: confidential
            masking: none
            description: Shown as is, on purpose
    """)
        },
    ),
    passes(
        "not-pii",
        {
            RUN: contract("""
        schema:
          support_email: {type: string, pii: false, description: Support address}
    """)
        },
    ),
)

NOT_MARKED = "but is not marked `pii: true` (write `pii: false` if it is not)"

GOV230 = table(
    "GOV230",
    fails(
        "email",
        {
            RUN: contract("""
        schema:
          worker_email: {type: string, description: Contact address}
    """)
        },
        (RUN, 8, 3),
        says=("`worker_email` looks like personal data (email) " + NOT_MARKED,),
    ),
    fails(
        "five-at-once",
        {
            RUN: contract("""
        schema:
          phone: {type: string, description: P}
          date_of_birth: {type: date, description: D}
          home_address: {type: string, description: H}
          tax_id: {type: string, description: T}
          workerEmail: {type: string, description: W}
    """)
        },
        (RUN, 8, 3),
        (RUN, 9, 3),
        (RUN, 10, 3),
        (RUN, 11, 3),
        (RUN, 12, 3),
        says=(
            "(phone)",
            "(birth)",
            "(address)",
            "(tax_id)",
            "`workerEmail` looks like personal data (email)",
        ),
    ),
    fails(
        "nested",
        {
            RUN: contract("""
        schema:
          contact:
            type: object
            description: C
            fields:
              email: {type: string, description: E}
    """)
        },
        (RUN, 12, 7),
        says=("`contact.email`",),
    ),
    # `pii: false` says on purpose that it is not personal data.
    passes(
        "pii-false",
        {
            RUN: contract("""
        schema:
          support_email: {type: string, pii: false, description: The support desk}
    """)
        },
    ),
    passes(
        "marked",
        {
            RUN: contract("""
        schema:
          worker_email:
            type: string
            pii: true
            classification: confidential
            masking: hash
            description: E
    """)
        },
    ),
    fails(
        "compound-endings",
        {
            RUN: contract("""
        schema:
          phone_number: {type: string, description: P}
          worker_first_name: {type: string, description: F}
    """)
        },
        (RUN, 8, 3),
        (RUN, 9, 3),
        says=("(phone_number)", "(first_name)"),
    ),
    # Whole words only.
    passes(
        "words-inside-other-words",
        {
            RUN: contract("""
        schema:
          surtax_identifier: {type: string, description: S}
          addressee_count: {type: integer, description: A}
          telephoned: {type: boolean, description: T}
    """)
        },
    ),
    # The name must end in the word: a key to an address, or a status about
    # emails, holds no personal data itself.
    passes(
        "word-not-at-the-end",
        {
            RUN: contract("""
        schema:
          address_id: {type: string, description: Key of the address}
          email_send_status: {type: string, enum: [sent, bounced], description: S}
    """)
        },
    ),
)

GOV231 = table(
    "GOV231",
    fails(
        "deprecated-true",
        {
            RUN: contract("""
        schema:
          legacy_total: {type: long, description: Old total, deprecated: true}
    """)
        },
        (RUN, 8, 66),
        says=(
            "deprecated field `legacy_total` has no reason and no removal (write "
            "`deprecated: {reason: ..., removal: YYYY-MM-DD}`)",
        ),
    ),
    fails(
        "reason-without-removal",
        {
            RUN: contract("""
        schema:
          legacy_total:
            type: long
            description: Old total
            deprecated: {reason: use gross_total}
    """)
        },
        (RUN, 11, 17),
        says=("`legacy_total` has no removal (write",),
    ),
    # A block mapping's position is its first key.
    fails(
        "nested-removal-without-reason",
        {
            RUN: contract("""
        schema:
          totals:
            type: object
            description: Totals
            fields:
              legacy_net:
                type: long
                description: Old net
                deprecated:
                  removal: 2027-01-15
    """)
        },
        (RUN, 16, 11),
        says=("`totals.legacy_net` has no reason (write",),
    ),
    fails(
        "empty-mapping",
        {
            RUN: contract("""
        schema:
          legacy_total: {type: long, description: Old total, deprecated: {}}
    """)
        },
        (RUN, 8, 66),
        says=("has no reason and no removal",),
    ),
    passes(
        "reason-and-removal",
        {
            RUN: contract("""
        schema:
          gross_total: {type: "decimal(18,2)", description: Sum of gross pay}
          legacy_total:
            type: "decimal(18,2)"
            description: Old total
            deprecated: {reason: use gross_total, removal: 2027-01-15}
    """)
        },
    ),
    passes(
        "not-deprecated",
        {
            RUN: contract("""
        schema:
          legacy_total: {type: long, description: Old total, deprecated: false}
          gross_total: {type: long, description: Gross total}
    """)
        },
    ),
    # `removal: soon` is a shape error (GOV004), not a missing removal.
    passes(
        "removal-not-a-date-is-another-rule",
        {
            RUN: contract("""
        schema:
          legacy_total:
            type: long
            description: Old total
            deprecated: {reason: use gross_total, removal: soon}
    """)
        },
        requires=("GOV004",),
    ),
)


@pytest.mark.parametrize(
    ("code", "case"),
    [
        *GOV220,
        *GOV221,
        *GOV222,
        *GOV223,
        *GOV224,
        *GOV225,
        *GOV226,
        *GOV227,
        *GOV228,
        *GOV229,
        *GOV230,
        *GOV231,
    ],
)
def test_field_rule(code: str, case: Case, tmp_path: Path) -> None:
    check(tmp_path, code, case)

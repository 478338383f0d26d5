"""The typed model of a governance repository (strict pydantic models).

Keys and meanings are normative (PRODUCT.md section 1). The models check
*shape* (which keys, which types); meaning (a duration parses, a team exists)
is checked by rules, so that each problem has its own code and message.
"""

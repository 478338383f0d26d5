"""Checks over the catalog that lint's rules and the reports both make, written once.

A rule turns an answer into a problem at a position; a report counts it or
explains it in its own words. Neither imports the other (rules are lint's, and
reports are not rules), so what both need lives here, below them: how names
fold (``names``), what a RACI cell says (``raci``), when an on-call rotation
hands off (``rotation``), whether a reference resolves (``references``), and
whether a metric's formula can be read and what it reads (``formulas``).
Pure: no I/O.
"""

"""Reports a data lead reads: coverage, conflicts, ownership and on-call.
Each module computes plain data from the catalog (no I/O, no printing); the
reporters format it."""

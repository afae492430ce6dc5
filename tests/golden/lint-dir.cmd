lint --no-config lint-data/tree

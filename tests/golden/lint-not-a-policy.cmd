lint --no-config lint-data/tree/package.json

lint --no-config lint-data/clean.json

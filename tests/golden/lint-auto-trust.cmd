lint --no-config lint-data/trust.json

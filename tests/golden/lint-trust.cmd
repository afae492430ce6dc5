lint --no-config --type trust lint-data/trust.json

lint --no-config lint-data/wrapped.json

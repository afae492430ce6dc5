lint --fail-on fatal lint-data/clean.json

lint --format yaml lint-data/clean.json

lint --quiet=1 lint-data/clean.json

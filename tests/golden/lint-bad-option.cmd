lint --frobnicate lint-data/clean.json

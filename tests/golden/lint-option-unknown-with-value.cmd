lint --frobnicate=3 lint-data/clean.json

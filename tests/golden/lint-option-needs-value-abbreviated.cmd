lint lint-data/clean.json --cat

lint lint-data/clean.json -j

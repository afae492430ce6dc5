lint --type admin lint-data/clean.json

lint --no-config lint-data/nope.json lint-data/clean.json

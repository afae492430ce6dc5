lint --no-config --fail-on warning lint-data/clean.json lint-data/wrapped.json

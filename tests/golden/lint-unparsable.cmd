lint --no-config lint-data/broken.json lint-data/clean.json

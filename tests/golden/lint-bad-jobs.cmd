lint --no-config --jobs 0 lint-data/clean.json

lint --no-config --fail-on suggestion --format json lint-data/clean.json

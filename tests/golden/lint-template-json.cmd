lint --no-config --format json --fail-on none lint-data/template.json

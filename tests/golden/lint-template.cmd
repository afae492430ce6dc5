lint --no-config lint-data/template.json

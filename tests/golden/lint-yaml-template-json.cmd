lint --no-config --format json --fail-on none lint-data/yaml/template.yaml

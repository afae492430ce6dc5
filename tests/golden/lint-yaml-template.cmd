lint --no-config lint-data/yaml/template.yaml

lint --no-config lint-data/yaml

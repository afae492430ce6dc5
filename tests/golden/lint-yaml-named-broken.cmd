lint --no-config lint-data/yaml/broken-other.yaml

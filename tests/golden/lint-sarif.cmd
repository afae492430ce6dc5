lint --no-config --format sarif lint-data/role.json

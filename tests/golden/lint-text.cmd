lint --no-config lint-data/role.json

lint --no-config --fail-on none lint-data/role.json

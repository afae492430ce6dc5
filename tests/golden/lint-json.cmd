lint --no-config --format json lint-data/role.json

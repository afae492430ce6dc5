lint --no-config -q lint-data/role.json

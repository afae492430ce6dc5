lint --no-config --color always lint-data/role.json

lint --no-config wrapped-data/lint-string.json wrapped-data/get-role.json

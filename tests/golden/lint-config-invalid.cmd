lint --config lint-data/bad.iamgate.json lint-data/role.json

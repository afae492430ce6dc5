lint --config lint-data/suppress.iamgate.json lint-data/role.json

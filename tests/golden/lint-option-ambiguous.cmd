lint --co lint-data/suppress.iamgate.json lint-data/clean.json

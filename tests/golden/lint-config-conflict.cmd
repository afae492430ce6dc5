lint --config lint-data/suppress.iamgate.json --no-config lint-data/clean.json

lint --no-config --only-policies lint-data/tree/package.json lint-data/tree/a-policy.json lint-data/clean.json

lint --no-config --type resource lint-data/bucket-policy.json

lint --no-config -j 3 lint-data/tree lint-data/role.json lint-data/template.json lint-data/trust.json lint-data/broken.json

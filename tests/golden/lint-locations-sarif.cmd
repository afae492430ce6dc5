lint --no-config --format sarif lint-data/locations.json lint-data/locations-template.json

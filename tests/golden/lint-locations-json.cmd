lint --no-config --format json lint-data/locations.json lint-data/locations-template.json

lint --no-config lint-data/locations.json lint-data/locations-template.json

lint lint-data/duplicate-keys-many.json

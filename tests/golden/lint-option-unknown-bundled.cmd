lint -qx lint-data/clean.json

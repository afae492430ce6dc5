lint -j3x lint-data/clean.json

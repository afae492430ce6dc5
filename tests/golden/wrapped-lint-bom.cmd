lint --no-config wrapped-data/bom.json

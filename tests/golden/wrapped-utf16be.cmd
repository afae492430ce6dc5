lint --no-config wrapped-data/utf16be.json

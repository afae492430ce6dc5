lint --no-config --type scp lint-data/scp.json

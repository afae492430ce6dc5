lint --no-config --type scp --legacy-scp lint-data/scp.json

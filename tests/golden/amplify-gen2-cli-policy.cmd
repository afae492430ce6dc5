amplify check --list gen2 -p amplify-data/deployer-seed.json --format json

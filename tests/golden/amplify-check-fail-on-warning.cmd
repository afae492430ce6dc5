amplify check -p amplify-data/deployer-seed.json --list amplify-data/list-nothing.json --fail-on warning

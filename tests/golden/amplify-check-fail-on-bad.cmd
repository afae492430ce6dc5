amplify check -p amplify-data/deployer-seed.json --fail-on fatal

amplify check -p amplify-data/deployer-seed.json --account 1234

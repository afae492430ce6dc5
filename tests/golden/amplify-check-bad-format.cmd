amplify check -p amplify-data/deployer-seed.json --format xml

amplify check -p amplify-data/deployer-seed.json --list cli-1999

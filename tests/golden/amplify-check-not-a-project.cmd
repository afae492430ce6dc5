amplify check --list cli-2020 amplify-data -p amplify-data/deployer-seed.json

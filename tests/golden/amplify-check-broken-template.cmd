amplify check --list cli-2020 amplify-data/broken-template -p amplify-data/deployer-seed.json

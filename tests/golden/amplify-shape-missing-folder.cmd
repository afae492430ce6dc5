amplify check --list cli-2020 amplify-data/shape/missing-folder -p amplify-data/deployer-seed.json

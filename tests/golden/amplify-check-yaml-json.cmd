amplify check --list cli-2020 amplify-data/yaml-project --env dev -p amplify-data/deployer-seed.json --format json

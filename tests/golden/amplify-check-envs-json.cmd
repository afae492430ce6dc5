amplify check --list cli-2020 amplify-data/two-envs -p amplify-data/deployer-seed.json --categories function --format json

amplify check --list cli-2020 amplify-data/two-envs -p amplify-data/deployer-seed.json --env prod --categories core,function --format json

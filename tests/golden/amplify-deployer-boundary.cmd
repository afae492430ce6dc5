amplify check --list cli-2020 amplify-data/projects/MoveMeet -p amplify-data/deployer-seed.json -b amplify-data/deployer-boundary-no-appsync.json --categories api

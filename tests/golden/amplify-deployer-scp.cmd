amplify check --list cli-2020 -p amplify-data/deployer-seed.json --scp amplify-data/scp-services.json --categories auth,api --format json

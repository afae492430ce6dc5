amplify check -p amplify-data/deployer-seed.json --scp amplify-data/scp-services.json --categories auth,api --format json

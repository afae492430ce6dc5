amplify check -p amplify-data/deployer-seed.json --categories auth,cdn

amplify check -p amplify-data/deployer-seed.json --list admin-amplify --categories auth,geo

amplify check -p amplify-data/deployer-seed.json --scp amplify-data/scp-region-lock.json --categories function

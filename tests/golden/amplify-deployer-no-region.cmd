amplify check --list cli-2020 -p amplify-data/deployer-seed.json --scp amplify-data/scp-region-lock.json --categories function

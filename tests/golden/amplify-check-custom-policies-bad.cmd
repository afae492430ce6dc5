amplify check --list cli-2020 amplify-data/custom-policies-bad -p amplify-data/deployer-seed.json --categories function

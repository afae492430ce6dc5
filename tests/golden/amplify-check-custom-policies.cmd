amplify check --list cli-2020 amplify-data/custom-policies -p amplify-data/deployer-seed.json --project-boundary amplify-data/roles-boundary.json --categories function

amplify check --list cli-2020 amplify-data/projects/leads-management-system -p amplify-data/deployer-seed.json

amplify check --list cli-2020 amplify-data/projects/leads-management-system -p amplify-data/deployer-seed.json --project-boundary amplify-data/roles-boundary.json --allow-incomplete

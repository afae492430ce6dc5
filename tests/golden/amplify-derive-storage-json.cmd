amplify check --list cli-2020 amplify-data/projects/leads-management-system --project-boundary amplify-data/roles-boundary.json --allow-incomplete --format json

amplify check --list cli-2020 amplify-data/derive-auth-flags --project-boundary amplify-data/roles-boundary.json

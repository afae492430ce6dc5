amplify check --list cli-2020 amplify-data/derive-auth-bad-inputs --project-boundary amplify-data/roles-boundary.json

amplify check --list cli-2020 amplify-data/projects/InstagramClone-auth --project-boundary amplify-data/roles-boundary.json --format json

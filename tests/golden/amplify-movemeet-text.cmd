amplify check --list cli-2020 amplify-data/projects/MoveMeet -p amplify-data/deployer-seed.json --project-boundary amplify-data/roles-boundary.json

amplify check amplify-data/projects/MoveMeet -p amplify-data/deployer-seed.json --project-boundary amplify-data/roles-boundary.json

amplify check --list cli-2020 amplify-data/projects/LostAndFoundPaws -p amplify-data/deployer-seed.json --project-boundary amplify-data/roles-boundary.json

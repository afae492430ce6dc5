amplify check --list cli-2020 amplify-data/projects/rekognition-id-verification -p amplify-data/deployer-partial.json --project-boundary amplify-data/roles-boundary.json --format sarif

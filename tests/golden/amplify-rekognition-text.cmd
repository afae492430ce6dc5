amplify check amplify-data/projects/rekognition-id-verification -p amplify-data/deployer-seed.json --project-boundary amplify-data/roles-boundary.json

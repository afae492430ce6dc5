amplify check amplify-data/projects/MoveMeet -p amplify-data/missing.json

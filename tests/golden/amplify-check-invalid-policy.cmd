amplify check -p amplify-data/projects/MoveMeet/amplify/backend/backend-config.json

amplify check amplify-data/projects/LostAndFoundPaws -p amplify-data/AdministratorAccess-Amplify.json

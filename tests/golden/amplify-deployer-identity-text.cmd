amplify check amplify-data/projects/LostAndFoundPaws -p amplify-data/deployer-partial.json --categories core,auth,storage

amplify check --list cli-2020 amplify-data/projects/LostAndFoundPaws -p amplify-data/deployer-partial.json --categories core,auth,storage

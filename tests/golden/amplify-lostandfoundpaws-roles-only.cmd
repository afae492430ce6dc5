amplify check amplify-data/projects/LostAndFoundPaws --format json

amplify check amplify-data -p amplify-data/deployer-seed.json

amplify check amplify-data/broken-template -p amplify-data/deployer-seed.json

amplify check amplify-data/shape/resource-not-object -p amplify-data/deployer-seed.json

amplify check amplify-data/shape/resources-array -p amplify-data/deployer-seed.json

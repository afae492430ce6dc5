amplify check amplify-data/shape/config-array -p amplify-data/deployer-seed.json

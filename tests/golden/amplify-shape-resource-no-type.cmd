amplify check amplify-data/shape/resource-no-type -p amplify-data/deployer-seed.json

amplify check amplify-data/shape/template-array -p amplify-data/deployer-seed.json

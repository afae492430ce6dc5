amplify check amplify-data/shape/missing-folder -p amplify-data/deployer-seed.json

amplify check amplify-data/shape/service-not-string -p amplify-data/deployer-seed.json

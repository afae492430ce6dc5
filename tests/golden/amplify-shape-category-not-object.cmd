amplify check amplify-data/shape/category-not-object -p amplify-data/deployer-seed.json

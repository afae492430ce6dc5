amplify check amplify-data/shape/resource-not-object-tpl -p amplify-data/deployer-seed.json

amplify check amplify-data/yaml-broken -p amplify-data/deployer-seed.json

amplify check amplify-data/custom-policies-bad -p amplify-data/deployer-seed.json --categories function

amplify check amplify-data/projects/leads-management-system -p amplify-data/deployer-seed.json --format sarif

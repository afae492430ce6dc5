amplify check amplify-data/account-envs --account ../account/workload-111122223333.json --principal arn:aws:iam::111122223333:role/deploy/amplify-deployer --categories function

amplify check ../../policies/examples/amplify-project --account ../account/workload-111122223333.json --principal arn:aws:iam::111122223333:role/deploy/amplify-deployer --categories auth,function

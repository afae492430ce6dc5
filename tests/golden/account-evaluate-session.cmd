evaluate s3:GetObject arn:aws:s3:::acme-app/k --account ../account/workload-111122223333.json --principal arn:aws:sts::111122223333:assumed-role/amplify-deployer/ci-run-7 --explain

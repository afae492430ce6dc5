evaluate s3:GetObject arn:aws:s3:::acme-app/k --account ../account/workload-111122223333.json --principal arn:aws:iam::111122223333:user/alice --explain

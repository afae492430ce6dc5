evaluate s3:GetObject arn:aws:s3:::acme-app/k --account ../account/workload-111122223333.json -p arn:aws:iam::111122223333:policy/DevAccess --explain

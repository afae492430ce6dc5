evaluate s3:GetObject arn:aws:s3:::app-bucket/k --principal arn:aws:iam::111122223333:role/app -r wrapped-data/secret-policy.json --explain

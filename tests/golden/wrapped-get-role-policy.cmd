evaluate s3:GetObject arn:aws:s3:::app-bucket/k -p wrapped-data/get-role-policy.json --explain

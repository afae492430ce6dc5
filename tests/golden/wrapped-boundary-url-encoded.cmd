evaluate s3:GetObject arn:aws:s3:::app-bucket/k -p wrapped-data/get-role-policy.json -b wrapped-data/get-policy-version-api.json --explain

evaluate s3:GetObject arn:aws:s3:::app-bucket/k -p wrapped-data/get-policy-version.json --explain

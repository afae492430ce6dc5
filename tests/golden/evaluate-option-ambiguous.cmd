evaluate s3:GetObject '*' --re data/bucket-policy.json

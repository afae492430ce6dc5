evaluate s3:GetObject '*' -p data/bucket-policy.json

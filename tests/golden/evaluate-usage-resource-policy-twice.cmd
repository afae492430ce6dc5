evaluate s3:GetObject '*' -r data/bucket-policy.json -r data/trust-policy.json

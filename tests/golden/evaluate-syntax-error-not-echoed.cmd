evaluate s3:GetObject '*' -p data/not-json-secret.json

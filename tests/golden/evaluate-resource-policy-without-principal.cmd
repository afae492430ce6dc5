evaluate s3:GetObject '*' -r data/identity.json

evaluate s3:GetObject '*' -b data/boundary.json --boundary data/boundary.json

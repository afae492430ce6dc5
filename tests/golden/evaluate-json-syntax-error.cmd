evaluate s3:GetObject '*' -p data/broken.json

evaluate s3:GetObject '*' -p data/extra-brace.json

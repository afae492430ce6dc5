evaluate s3:GetObject '*' -p data/invalid.json --color always

evaluate s3:GetObject '*' -p data/nosuch.json --format yaml

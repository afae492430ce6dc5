evaluate s3:GetObject '*' -p data/identity.json -b data

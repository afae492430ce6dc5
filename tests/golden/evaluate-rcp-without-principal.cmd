evaluate s3:GetObject '*' --rcp data/scp-ou.json

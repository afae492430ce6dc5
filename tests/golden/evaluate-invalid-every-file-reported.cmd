evaluate s3:GetObject '*' -p data/nosuch.json -b data/invalid.json --rcp data/scp-ou.json

evaluate s3:ListAllMyBuckets '*' -p data/identity.json --explain --format json

evaluate s3:PutObject arn:aws:s3:::app-bucket/report.csv -p data/identity.json -b data/boundary.json --explain --format json

evaluate s3:GetObject arn:aws:s3:::other-bucket/report.csv -p data/identity.json --explain --format json

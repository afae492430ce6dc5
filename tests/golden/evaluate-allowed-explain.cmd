evaluate s3:GetObject arn:aws:s3:::app-bucket/report.csv -p data/identity.json --explain

evaluate s3x:GetObject arn:aws:s3:::app-bucket/report.csv -p data/identity.json

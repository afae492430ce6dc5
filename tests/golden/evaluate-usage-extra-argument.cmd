evaluate s3:GetObject arn:aws:s3:::app-bucket/report.csv extra -p data/identity.json

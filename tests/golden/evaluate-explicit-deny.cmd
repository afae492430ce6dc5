evaluate s3:DeleteObject arn:aws:s3:::app-bucket/report.csv -p data/identity.json

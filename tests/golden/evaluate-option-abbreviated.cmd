evaluate s3:GetObject arn:aws:s3:::app-bucket/report.csv --pol=data/identity.json --expl

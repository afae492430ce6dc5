evaluate s3:GetObjekt arn:aws:s3:::app-bucket/report.csv -p data/identity.json

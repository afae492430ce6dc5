evaluate s3:GetObject arn:aws:s3:::app-bucket/report.csv -p data/identity.json --principal arn:aws:iam::111122223333:user/alice --rcp data/rcp.json --rcp data/rcp-protect-deletes.json

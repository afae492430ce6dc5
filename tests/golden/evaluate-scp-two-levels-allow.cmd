evaluate s3:GetObject arn:aws:s3:::app-bucket/report.csv --scp data/scp-root.json --scp data/scp-ou.json -p data/identity-broad.json --principal arn:aws:iam::111122223333:role/deploy --explain

evaluate s3:GetObject arn:aws:s3:::shared-bucket/report.csv --resource-policy data/bucket-policy.json --principal arn:aws:iam::111122223333:user/alice

evaluate s3:GetObject arn:aws:s3:::shared-bucket/report.csv -r data/bucket-policy.json --resource-account 111122223333 --principal arn:aws:iam::444455556666:role/partner --explain

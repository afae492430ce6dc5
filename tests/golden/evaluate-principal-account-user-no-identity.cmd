evaluate s3:PutObject arn:aws:s3:::shared-bucket/uploads/data.bin -r data/bucket-policy.json --resource-account 111122223333 --principal arn:aws:iam::999988887777:user/dave --explain

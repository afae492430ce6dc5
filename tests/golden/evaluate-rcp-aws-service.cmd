evaluate s3:PutObject arn:aws:s3:::shared-bucket/logs/access.log -r data/bucket-policy.json --resource-account 111122223333 --rcp data/rcp.json --principal logging.s3.amazonaws.com

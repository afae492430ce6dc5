evaluate s3:PutObject arn:aws:s3:::shared-bucket/logs/access.log -r data/bucket-policy.json --scp data/scp-root.json --scp data/scp-ou.json --principal logging.s3.amazonaws.com

evaluate s3:GetObject '*' --principal 'arn:::::'

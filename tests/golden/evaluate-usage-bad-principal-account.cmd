evaluate s3:GetObject arn:aws:s3:::b/k --principal arn:aws:iam::1111:user/alice -p data/identity.json

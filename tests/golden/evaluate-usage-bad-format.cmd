evaluate s3:GetObject '*' --format yaml

evaluate s3:GetObject '*' --quiet=1

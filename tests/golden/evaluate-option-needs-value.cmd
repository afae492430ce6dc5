evaluate s3:GetObject '*' -p

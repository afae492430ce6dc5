evaluate s3:GetObject '*' -x

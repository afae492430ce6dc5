evaluate s3:GetObject '*' --at 9999999999999

evaluate s3:GetObject '*' --at 99999999999999999999

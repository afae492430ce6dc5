evaluate s3:GetObject '*' --at yesterday

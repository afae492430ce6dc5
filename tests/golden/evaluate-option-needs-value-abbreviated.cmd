evaluate s3:GetObject '*' --pol

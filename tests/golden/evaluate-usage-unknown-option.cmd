evaluate s3:GetObject '*' --frobnicate

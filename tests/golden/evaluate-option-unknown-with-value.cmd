evaluate s3:GetObject '*' --frobnicate=3

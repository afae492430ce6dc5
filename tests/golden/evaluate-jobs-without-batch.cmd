evaluate s3:GetObject '*' -j 2

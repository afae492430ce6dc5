evaluate s3:GetObject '*' -qx

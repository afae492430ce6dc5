evaluate s3:GetObject '*' --format=sarif

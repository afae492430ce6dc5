evaluate s3:GetObject '*' --color sometimes

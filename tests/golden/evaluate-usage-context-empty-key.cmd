evaluate s3:GetObject '*' --context =203.0.113.9

evaluate s3:GetObject '*' --expl=yes

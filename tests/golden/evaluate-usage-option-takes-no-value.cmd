evaluate s3:GetObject '*' --explain=yes

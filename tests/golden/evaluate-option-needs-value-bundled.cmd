evaluate s3:GetObject '*' -qp

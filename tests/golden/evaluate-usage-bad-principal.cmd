evaluate s3:GetObject '*' --principal alice

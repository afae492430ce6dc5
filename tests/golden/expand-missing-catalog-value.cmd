expand s3:GetObject --catalog

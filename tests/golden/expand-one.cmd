expand s3:GetObject

expand s3:GetObject --cat

expand --quiet=1 s3:GetObject

expand --catalog data/no-such-catalog.json s3:GetObject

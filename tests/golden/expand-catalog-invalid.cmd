expand --catalog data/expand-bad-catalog.json s3:GetObject

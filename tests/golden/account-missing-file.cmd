evaluate s3:GetObject '*' --account ../account/no-such-file.json

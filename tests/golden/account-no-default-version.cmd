evaluate s3:GetObject '*' --account ../account/bad/no-default-version.json

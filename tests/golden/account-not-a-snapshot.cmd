evaluate s3:GetObject '*' --account ../account/bad/a-policy.json

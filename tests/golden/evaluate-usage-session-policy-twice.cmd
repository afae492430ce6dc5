evaluate s3:GetObject '*' --session-policy data/session.json --session-policy data/session.json

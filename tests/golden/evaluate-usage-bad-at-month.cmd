evaluate s3:GetObject '*' --at 2026-13-01T00:00:00Z

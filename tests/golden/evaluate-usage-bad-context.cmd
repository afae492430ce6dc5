evaluate s3:GetObject '*' -c aws:SourceIp

evaluate s3:GetObject '*' --account ../account/bad/junk.bin

evaluate s3:GetObject '*' --account ../account/bad/dangling.json --principal arn:aws:iam::111122223333:user/frank

evaluate s3:GetObject '*' --account ../account/bad/bad-url-document.json --principal arn:aws:iam::111122223333:user/gina

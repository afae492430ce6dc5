evaluate s3:GetObject '*' --account ../account/bad/wrong-shape.json --principal arn:aws:iam::111122223333:role/app

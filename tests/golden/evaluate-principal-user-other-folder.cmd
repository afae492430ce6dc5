evaluate s3:GetObject arn:aws:s3:::home-bucket/bob/notes.txt -p data/conditions.json --principal arn:aws:iam::111122223333:user/alice

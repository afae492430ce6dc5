evaluate s3:GetObject 'arn:aws:s3:::home-bucket/${aws:username}/notes.txt' -p data/no-version.json --principal arn:aws:iam::111122223333:user/alice

evaluate s3:GetObject '*' -p arn:aws:iam::111122223333:policy/DevAccess

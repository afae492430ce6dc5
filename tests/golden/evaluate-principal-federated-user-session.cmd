evaluate s3:GetObject arn:aws:s3:::app-bucket/public/index.html -p data/identity.json --session-policy data/session.json --principal arn:aws:sts::111122223333:federated-user/fed1

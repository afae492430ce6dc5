evaluate s3:GetObject arn:aws:s3:::b/k --resource-account abc -p data/identity.json

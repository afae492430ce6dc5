evaluate s3:GetObjekt app-bucket -p data/identity.json -q

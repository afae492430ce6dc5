evaluate 's3:Get*' app-bucket -p data/identity.json

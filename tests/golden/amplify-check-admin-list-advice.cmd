amplify check -p amplify-data/deployer-seed.json --categories core --account 111122223333 --region us-east-1

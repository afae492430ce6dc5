amplify check --list cli-2020 -p amplify-data/deployer-seed.json -p amplify-data/deny-passrole.json --categories core --account 111122223333 --region us-east-1

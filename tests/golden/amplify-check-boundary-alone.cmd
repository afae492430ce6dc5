amplify check -b amplify-data/deny-passrole.json

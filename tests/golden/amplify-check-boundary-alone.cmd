amplify check --list cli-2020 -b amplify-data/deny-passrole.json

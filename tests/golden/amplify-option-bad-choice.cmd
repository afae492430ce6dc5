amplify check --color sometimes

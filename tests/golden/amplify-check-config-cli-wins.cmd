amplify check --config amplify-data/iamgate-config.json --categories core -q

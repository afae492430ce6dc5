amplify check --config amplify-data/iamgate-config.json --format json

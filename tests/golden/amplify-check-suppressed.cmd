amplify check --config amplify-data/iamgate-suppress.json

amplify check --config amplify-data/iamgate-suppress.json --format sarif

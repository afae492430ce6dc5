amplify check --config amplify-data/iamgate-config-bad.json

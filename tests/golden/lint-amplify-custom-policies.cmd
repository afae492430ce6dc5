lint --no-config lint-data/amplify-custom

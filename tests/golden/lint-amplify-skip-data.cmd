lint --config lint-data/skip-data.iamgate.json amplify-data/projects/InstagramClone

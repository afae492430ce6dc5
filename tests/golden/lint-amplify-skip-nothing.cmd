lint --config lint-data/skip-nothing.iamgate.json amplify-data/projects/InstagramClone

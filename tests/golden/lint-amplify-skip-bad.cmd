lint --config lint-data/skip-bad.iamgate.json amplify-data/projects/InstagramClone

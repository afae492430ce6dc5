lint --no-config --format json amplify-data/projects/InstagramClone

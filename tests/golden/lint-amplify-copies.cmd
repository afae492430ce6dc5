lint --no-config --amplify-copies amplify-data/projects/InstagramClone

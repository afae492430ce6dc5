lint --no-config amplify-data/projects/InstagramClone

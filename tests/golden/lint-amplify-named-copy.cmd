lint --no-config 'amplify-data/projects/InstagramClone/amplify/#current-cloud-backend'

amplify verify

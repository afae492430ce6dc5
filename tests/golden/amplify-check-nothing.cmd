amplify check

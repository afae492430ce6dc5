amplify

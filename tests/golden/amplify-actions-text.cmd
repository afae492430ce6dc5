amplify actions

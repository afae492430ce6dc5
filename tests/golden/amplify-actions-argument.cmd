amplify actions auth

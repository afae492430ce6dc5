amplify actions --list

amplify --help

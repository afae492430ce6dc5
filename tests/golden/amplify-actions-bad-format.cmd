amplify actions --format sarif

amplify actions --categories auth --format json

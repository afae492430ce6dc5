amplify check --list gen2 -p amplify-data/AmplifyBackendDeployFullAccess.json --account 123456789012 --region us-east-1

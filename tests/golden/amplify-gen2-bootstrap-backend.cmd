amplify check --list gen2-bootstrap -p amplify-data/AmplifyBackendDeployFullAccess.json --account 123456789012 --region us-east-1

amplify check amplify-data/gen2-cdk -p amplify-data/AmplifyBackendDeployFullAccess.json --project-boundary amplify-data/roles-boundary.json --account 123456789012 --region us-east-1

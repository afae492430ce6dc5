amplify check amplify-data/gen2-broken -p amplify-data/AmplifyBackendDeployFullAccess.json --project-boundary amplify-data/roles-boundary.json

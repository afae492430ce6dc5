amplify check ../../policies/examples/amplify-project --account ../account/workload-111122223333.json

amplify check ../../policies/examples/amplify-project -p ../../policies/examples/amplify-project/deployer.json --categories core --env test

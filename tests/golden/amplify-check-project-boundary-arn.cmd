amplify check ../../policies/examples/amplify-project -p ../../policies/examples/amplify-project/deployer.json --project-boundary arn:aws:iam::aws:policy/PowerUserAccess --categories auth,function

evaluate amplify:CreateApp '*' -p arn:aws:iam::aws:policy/AdministratorAccess-Amplify -b arn:aws:iam::aws:policy/service-role/AmplifyBackendDeployFullAccess --explain

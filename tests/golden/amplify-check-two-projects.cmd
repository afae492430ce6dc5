amplify check a b

amplify check --c x

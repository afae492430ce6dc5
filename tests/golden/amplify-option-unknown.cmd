amplify check --frobnicate

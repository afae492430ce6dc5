amplify check --quiet=yes

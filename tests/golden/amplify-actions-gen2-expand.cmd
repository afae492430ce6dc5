amplify actions --list gen2 --expand --categories api,function

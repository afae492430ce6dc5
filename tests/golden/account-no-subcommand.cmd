account

evaluate sts:GetCallerIdentity "*" -p data/deny-all.json --principal arn:aws:iam::111122223333:user/alice --explain --format json

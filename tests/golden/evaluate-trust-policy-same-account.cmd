evaluate sts:AssumeRole arn:aws:iam::111122223333:role/target -r data/trust-policy.json --principal arn:aws:iam::111122223333:user/alice -p data/identity-broad.json --explain

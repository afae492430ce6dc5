evaluate sts:AssumeRole arn:aws:iam::111122223333:role/target -r data/trust-policy.json --principal arn:aws:iam::444455556666:user/bob -p data/partner-identity.json

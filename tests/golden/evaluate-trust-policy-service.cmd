evaluate sts:AssumeRole arn:aws:iam::111122223333:role/target -r data/trust-policy.json --principal lambda.amazonaws.com --explain

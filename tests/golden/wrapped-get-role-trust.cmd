evaluate sts:AssumeRole arn:aws:iam::111122223333:role/app --principal ec2.amazonaws.com -r wrapped-data/get-role.json --explain

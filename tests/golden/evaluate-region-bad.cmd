evaluate ec2:RunInstances 'arn:aws:ec2:us-west-2:111122223333:instance/*' -p data/identity-broad.json --principal arn:aws:iam::111122223333:role/deploy --region 'US East'

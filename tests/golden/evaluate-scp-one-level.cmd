evaluate ec2:RunInstances 'arn:aws:ec2:us-east-1:111122223333:instance/*' --scp data/scp-root.json -p data/identity-broad.json --principal arn:aws:iam::111122223333:role/deploy

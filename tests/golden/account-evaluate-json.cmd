evaluate ec2:RunInstances '*' --account ../account/workload-111122223333.json --principal arn:aws:iam::111122223333:user/admins/bob --format json --explain

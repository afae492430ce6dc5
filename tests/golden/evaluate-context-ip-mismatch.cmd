evaluate ec2:DescribeInstances '*' -p data/conditions.json --context aws:SourceIp=198.51.100.1

evaluate ec2:DescribeInstances '*' -p data/conditions.json

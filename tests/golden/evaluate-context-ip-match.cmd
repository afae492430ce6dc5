evaluate ec2:DescribeInstances '*' -p data/conditions.json -c aws:SourceIp=203.0.113.9 --explain

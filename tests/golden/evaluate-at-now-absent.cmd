evaluate ec2:StopInstances '*' -p data/conditions.json

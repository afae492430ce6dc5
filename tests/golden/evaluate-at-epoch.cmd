evaluate ec2:StartInstances '*' -p data/conditions.json --at 1767225600

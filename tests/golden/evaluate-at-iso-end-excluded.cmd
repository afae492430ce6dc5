evaluate ec2:StartInstances '*' -p data/conditions.json --at 2027-01-01T00:00:00Z

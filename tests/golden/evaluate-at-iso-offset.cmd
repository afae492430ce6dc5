evaluate ec2:StartInstances '*' -p data/conditions.json --at 2027-01-01T01:00:00+02:00

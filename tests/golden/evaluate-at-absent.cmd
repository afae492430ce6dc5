evaluate ec2:StartInstances '*' -p data/conditions.json

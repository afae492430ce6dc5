evaluate ec2:StartInstances '*' -p data/conditions.json --at 2026-06-01T12:00:00Z

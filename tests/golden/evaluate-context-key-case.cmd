evaluate ec2:CreateTags arn:aws:ec2:us-east-1:111122223333:instance/i-0abc -p data/conditions.json -c aws:tagkeys=env --context AWS:TagKeys=team

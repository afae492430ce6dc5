evaluate ec2:CreateTags '*' -p data/tag-with-equals.json -c 'aws:RequestTag/cost=center=a=1'

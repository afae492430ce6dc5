expand --catalog ../unit/data/mini-catalog.json --format json 'iam:*Role' 'sts:*'

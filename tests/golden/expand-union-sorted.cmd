expand --catalog ../unit/data/mini-catalog.json 's3:GetObject*' 'iam:P*' 's3:Get*' 'appsync:Get*'

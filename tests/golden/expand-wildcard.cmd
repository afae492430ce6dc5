expand --catalog ../unit/data/mini-catalog.json 's3:Get*'

evaluate dynamodb:GetItem arn:aws:dynamodb:us-east-1:111122223333:table/orders --policy data/identity.json

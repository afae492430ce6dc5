evaluate dynamodb:GetItem arn:aws:dynamodb:us-east-1:111122223333:table/orders -p data/identity.json --policy data/identity-dynamodb.json --explain

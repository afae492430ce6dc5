evaluate dynamodb:DeleteTable arn:aws:dynamodb:us-east-1:111122223333:table/orders -b data/boundary.json

evaluate s3:GetObject '*' --principal 'arn:aws:sts::111122223333:assumed-role//'

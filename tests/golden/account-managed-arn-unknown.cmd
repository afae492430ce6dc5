evaluate s3:GetObject '*' -p arn:aws:iam::aws:policy/NoSuchPolicyAnywhere

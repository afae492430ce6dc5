expand -q 's3:Get*'

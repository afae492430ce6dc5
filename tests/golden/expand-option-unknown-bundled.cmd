expand -qx s3:GetObject

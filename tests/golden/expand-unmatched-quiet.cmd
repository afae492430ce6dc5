expand -q s3:GetObjekt iam:PassRole

expand s3:GetObjekt 'nosuch:Get*' iam:PassRole s3GetObject

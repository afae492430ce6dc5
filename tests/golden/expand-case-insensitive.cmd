expand S3:GETOBJECT iam:passrole

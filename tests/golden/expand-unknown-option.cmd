expand --color always s3:GetObject

lint --no-config --type identity - < "$SHARED/corpus/aws-managed/AmazonS3ReadOnlyAccess.json"

expand --format xml 's3:*'

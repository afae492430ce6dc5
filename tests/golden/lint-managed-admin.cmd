lint --no-config --type identity - < "$SHARED/corpus/aws-managed/AdministratorAccess.json"

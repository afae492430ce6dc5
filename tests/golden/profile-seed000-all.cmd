profile --all --config-file profile/seed000.config --credentials-file profile/seed000.credentials

profile --config-file profile/seed000.config --credentials-file profile/seed000.credentials bizcorprole

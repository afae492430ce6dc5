profile --config-file profile/broken.config --credentials-file profile/broken.credentials chained-long

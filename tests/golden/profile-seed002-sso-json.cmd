profile --config-file profile/seed002.config --credentials-file profile/none --format json

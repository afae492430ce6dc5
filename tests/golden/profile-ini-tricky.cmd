profile --config-file profile/ini.config --credentials-file profile/none tricky

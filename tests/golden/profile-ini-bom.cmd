profile --all --config-file profile/bom.config --credentials-file profile/none

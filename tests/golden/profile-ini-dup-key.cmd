profile --all --config-file profile/dup-key.config --credentials-file profile/none

profile --all --config-file profile/binary.config --credentials-file profile/none

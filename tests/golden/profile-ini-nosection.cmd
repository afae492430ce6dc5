profile --all --config-file profile/nosection.config --credentials-file profile/none

profile --all --config-file profile/noequals.config --credentials-file profile/none

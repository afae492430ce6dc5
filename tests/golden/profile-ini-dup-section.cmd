profile --all --config-file profile/dup-section.config --credentials-file profile/none

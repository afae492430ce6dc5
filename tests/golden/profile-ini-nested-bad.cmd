profile --all --config-file profile/nested-bad.config --credentials-file profile/none

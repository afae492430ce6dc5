profile --config-file profile/seed004.config --credentials-file profile/seed004.credentials namedsessionrole

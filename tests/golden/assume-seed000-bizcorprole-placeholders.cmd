assume bizcorprole --config-file profile/seed000.config --credentials-file profile/seed000.credentials --at 2026-12-01T12:00:00Z

assume bizcorprole --config-file assume/bizcorp.config --credentials-file assume/bizcorp.credentials --at 2026-12-01T12:00:00Z

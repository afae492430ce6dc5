assume default --config-file profile/seed002.config --credentials-file /dev/null --account assume/sso-111122223333.json --at 2026-12-01T12:00:00Z

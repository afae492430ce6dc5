assume gha-fork --config-file assume/web.config --credentials-file assume/org.credentials --account assume/web-111122223333.json --at 2026-12-01T12:00:00Z

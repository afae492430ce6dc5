evaluate GetObject '*' -p data/identity.json

expand --catalog ../unit/data/mini-catalog.json '*'

expand --catalog ../unit/data/mini-catalog.json '*:*Role' 's?:List*'

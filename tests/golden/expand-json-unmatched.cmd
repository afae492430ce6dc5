expand --catalog ../unit/data/mini-catalog.json --format json 's3:GetObjekt' 'sts:Assume*'

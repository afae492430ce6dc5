evaluate --batch data/batch.jsonl -p data/identity.json

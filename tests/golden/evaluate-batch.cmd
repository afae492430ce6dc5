evaluate --batch data/batch.jsonl

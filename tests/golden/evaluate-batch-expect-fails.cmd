evaluate --batch data/batch-fail.jsonl

evaluate --batch data/batch-time.jsonl --at 1700000000

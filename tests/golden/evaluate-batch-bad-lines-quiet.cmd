evaluate --batch data/batch-badline.jsonl --quiet

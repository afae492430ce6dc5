evaluate --batch data/batch-badline.jsonl --jobs 0

evaluate --batch data/batch-badline.jsonl -j 3

evaluate --batch data/batch-warnings.jsonl -j 1

evaluate --batch data/batch.jsonl -j 65

evaluate --batch data/batch.jsonl s3:GetObject '*'

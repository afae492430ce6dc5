evaluate --batch data/batch-explain.jsonl --explain

evaluate --batch data/batch-time.jsonl --at 2026-06-01T12:00:00Z

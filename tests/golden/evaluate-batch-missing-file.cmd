evaluate --batch data/nosuch.jsonl

evaluate --batch wrapped-data/requests.jsonl --explain -j 1

evaluate --batch ../account/requests.jsonl -j 1

evaluate -h

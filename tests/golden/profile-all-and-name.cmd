profile --all bizcorprole

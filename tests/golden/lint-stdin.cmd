lint --no-config -

hook print --fail-on warning

account fetch --org-output -

assume audit --config-file assume/org.config --credentials-file assume/org.credentials --account ../account/bad/wrong-shape.json

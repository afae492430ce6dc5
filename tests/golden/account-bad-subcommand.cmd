account pull

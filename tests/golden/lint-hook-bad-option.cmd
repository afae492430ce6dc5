hook install --hooks-dir

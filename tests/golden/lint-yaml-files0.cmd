lint --no-config --only-policies --files0-from -

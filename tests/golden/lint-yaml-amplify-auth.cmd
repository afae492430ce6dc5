lint --no-config --fail-on none amplify-data/projects/rekognition-id-verification/amplify/backend/auth

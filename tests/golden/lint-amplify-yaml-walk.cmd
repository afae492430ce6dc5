lint --no-config amplify-data/projects/rekognition-id-verification

amplify check amplify-data/projects/rekognition-id-verification -p amplify-data/deployer-partial.json --categories core --fail-on none

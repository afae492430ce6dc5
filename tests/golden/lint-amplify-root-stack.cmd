lint --no-config amplify-data/projects/LostAndFoundPaws/amplify/backend/awscloudformation/build/root-cloudformation-stack.json

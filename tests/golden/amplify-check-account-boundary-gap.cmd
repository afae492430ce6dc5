amplify check amplify-data/two-envs --env prod --account ../account/security-444455556666.json --principal arn:aws:iam::444455556666:role/auditor

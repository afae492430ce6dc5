lint --no-config --format json lint-data/amplify-custom/amplify/backend/function/reports/custom-policies.json

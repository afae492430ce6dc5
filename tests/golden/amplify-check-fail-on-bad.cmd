amplify check --list cli-2020 -p amplify-data/deployer-seed.json --fail-on fatal

lint --no-config amplify-data/projects/LostAndFoundPaws

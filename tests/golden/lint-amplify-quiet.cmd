lint --no-config -q amplify-data/projects/InstagramClone amplify-data/projects/LostAndFoundPaws

import { defineFunction } from '@aws-amplify/backend';

export const resize = defineFunction({
  name: 'resize',
  entry: './handler.ts',
});

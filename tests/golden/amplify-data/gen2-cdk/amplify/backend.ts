import { defineBackend } from '@aws-amplify/backend';
import { data } from './data/resource';
import { resize } from './functions/resize/resource';

defineBackend({ data, resize });

#!/bin/sh
# credential_process of the differential test's profile "proc"
printf '{"Version": 1, "AccessKeyId": "AKIAPROCDIFF00000001", "SecretAccessKey": "TESTSECRETprocdiff0001"}\n'

#!/usr/bin/env python3
"""requests.py SNAPSHOT ACCOUNT_FILE [ORG_FILE] - check-live-fetch.sh's questions.

One `iamgate evaluate --batch` line for each user and role of SNAPSHOT and
each of a set of actions (S3, EC2, IAM, DynamoDB, CloudFormation,
Organizations; sts:AssumeRole of every role, which its trust policy
decides), each reading its account from ACCOUNT_FILE (and the --org levels
from ORG_FILE, given on the command line instead: see the script).
"""
import json
import sys

snap_path, account = sys.argv[1], sys.argv[2]
with open(snap_path) as f:
    snap = json.load(f)
principals = [e["Arn"] for k in ("UserDetailList", "RoleDetailList") for e in snap[k]]
roles = [e["Arn"] for e in snap["RoleDetailList"]]
asks = [
    ("s3:GetObject", "arn:aws:s3:::acme-reports/k"),
    ("s3:PutObject", "arn:aws:s3:::acme-app/k"),
    ("s3:DeleteBucket", "arn:aws:s3:::acme-app"),
    ("ec2:RunInstances", "*"),
    ("ec2:DescribeInstances", "*"),
    ("iam:CreateUser", "*"),
    ("iam:CreateAccessKey", "arn:aws:iam::111122223333:user/alice"),
    ("iam:DeleteRolePermissionsBoundary", "arn:aws:iam::111122223333:role/x"),
    ("dynamodb:Query", "arn:aws:dynamodb:eu-west-1:111122223333:table/orders"),
    ("cloudformation:CreateStack", "*"),
    ("amplify:CreateApp", "*"),
    ("organizations:LeaveOrganization", "*"),
    ("cloudtrail:StopLogging", "*"),
] + [("sts:AssumeRole", r) for r in roles]
n = 0
for p in principals:
    for action, resource in asks:
        n += 1
        print(json.dumps({"id": n, "account": account, "principal": p, "action": action,
                          "resource": resource, "region": "eu-west-1"}))

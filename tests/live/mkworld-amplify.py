"""Write the world of tests/check-live.sh: the example Amplify project's
deployer as a real account would hold it.

Account 111122223333 (the example project's) holds user alice (a static
key), group devs, role amplify-deployer (its inline policy the example's
deployer.json, its permissions boundary deployer-boundary.json), and the
customer managed policy the project's PermissionsBoundaryPolicyArn names
(roles-boundary.json).  Alice's own policy lets her read one bucket; the
organization denies s3:DeleteBucket at the OU.

Usage: mkworld.py EXAMPLE_DIR OUT_DIR -> OUT_DIR/world.json,
OUT_DIR/account.json, OUT_DIR/org.json (the same levels as an --org file).
"""
import json
import sys

ACCT = "111122223333"
ex, out = sys.argv[1], sys.argv[2]


def doc(name):
    with open("%s/%s" % (ex, name)) as f:
        return json.load(f)


def arn(kind, name):
    return "arn:aws:iam::%s:%s/%s" % (ACCT, kind, name)


def managed(name, document):
    return {
        "PolicyName": name, "PolicyId": "ANPA" + name.upper().replace("-", "")[:17].ljust(17, "X"),
        "Arn": arn("policy", name), "Path": "/", "DefaultVersionId": "v1",
        "AttachmentCount": 1, "PermissionsBoundaryUsageCount": 0, "IsAttachable": True,
        "CreateDate": "2026-01-01T00:00:00Z", "UpdateDate": "2026-01-01T00:00:00Z",
        "PolicyVersionList": [{"Document": document, "VersionId": "v1", "IsDefaultVersion": True,
                               "CreateDate": "2026-01-01T00:00:00Z"}],
    }


def allow(actions, resources):
    return {"Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": actions, "Resource": resources}]}


trust = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": arn("user", "alice")}, "Action": "sts:AssumeRole"}]}
account = {
    "UserDetailList": [{
        "Path": "/", "UserName": "alice", "UserId": "AIDAALICE0000000000001",
        "Arn": arn("user", "alice"), "CreateDate": "2026-01-01T00:00:00Z",
        "GroupList": ["devs"], "AttachedManagedPolicies": [], "Tags": [],
        "UserPolicyList": [{"PolicyName": "read-b",
                            "PolicyDocument": allow("s3:GetObject", "arn:aws:s3:::b/*")}],
    }],
    "GroupDetailList": [{
        "Path": "/", "GroupName": "devs", "GroupId": "AGPADEVS00000000000001",
        "Arn": arn("group", "devs"), "CreateDate": "2026-01-01T00:00:00Z",
        "GroupPolicyList": [{"PolicyName": "assume-deployer",
                             "PolicyDocument": allow("sts:AssumeRole", arn("role", "amplify-deployer"))}],
        "AttachedManagedPolicies": [{"PolicyName": "devs-describe", "PolicyArn": arn("policy", "devs-describe")}],
    }],
    "RoleDetailList": [{
        "Path": "/", "RoleName": "amplify-deployer", "RoleId": "AROADEPLOYER000000001",
        "Arn": arn("role", "amplify-deployer"), "CreateDate": "2026-01-01T00:00:00Z",
        "AssumeRolePolicyDocument": trust, "InstanceProfileList": [], "Tags": [],
        "RolePolicyList": [{"PolicyName": "deployer", "PolicyDocument": doc("deployer.json")}],
        "AttachedManagedPolicies": [{"PolicyName": "deployer-s3", "PolicyArn": arn("policy", "deployer-s3")}],
        "PermissionsBoundary": {"PermissionsBoundaryType": "Policy",
                                "PermissionsBoundaryArn": arn("policy", "deployer-boundary")},
        "RoleLastUsed": {},
    }],
    "Policies": [
        managed("devs-describe", allow("cloudformation:DescribeStacks", "*")),
        managed("deployer-s3", allow(["s3:GetObject", "s3:DeleteBucket"], "*")),
        managed("deployer-boundary", doc("deployer-boundary.json")),
        managed("amplify-boundary", doc("roles-boundary.json")),
    ],
}
full = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
deny = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"}]}
world = {
    "seed": "check-live",
    "users": {"AKIAALICE0000EXAMPLE": {"secret": "alice/secret/EXAMPLEKEY0000000000000",
                                       "arn": arn("user", "alice"), "status": "Active"}},
    "accounts": ["account.json"],
    "roles": {arn("role", "amplify-deployer"): {"trusts": [arn("user", "alice")]}},
    "org": {"root": "r-ab12", "ous": {"ou-ab12-apps0001": {"parent": "r-ab12"}},
            "accounts": {ACCT: "ou-ab12-apps0001"},
            "policies": {
                "p-FullAWSAccess": {"type": "SERVICE_CONTROL_POLICY", "name": "FullAWSAccess",
                                    "targets": ["r-ab12", "ou-ab12-apps0001", ACCT],
                                    "content": full},
                "p-nodelete0001": {"type": "SERVICE_CONTROL_POLICY", "name": "no-delete-bucket",
                                   "targets": ["ou-ab12-apps0001"], "content": deny}},
            "denied": []},
    "page_size": 2,
}
orgfile = {"targets": {"r-ab12": {"scps": [full]},
                       "ou-ab12-apps0001": {"scps": [full, deny]},
                       ACCT: {"scps": [full]}},
           "accounts": {ACCT: ["r-ab12", "ou-ab12-apps0001", ACCT]}}
with open(out + "/org.json", "w") as f:
    json.dump(orgfile, f, indent=2)
with open(out + "/account.json", "w") as f:
    json.dump(account, f, indent=2)
with open(out + "/world.json", "w") as f:
    json.dump(world, f, indent=2)

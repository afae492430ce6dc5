#!/usr/bin/env python3
"""mkworld.py SRC OUT [fault|nopage|noorg|orgdeny|scpoff|baddoc] - check-live-fetch.sh's worlds.

The stand-in's world for the account fetch: the snapshot
tests/account/workload-111122223333.json served by IAM (as many items a
page as the fetch's --page-size asks), an access key for each of its users (alice's second one inactive), carol
refused by IAM, and the organization of tests/account/org.json (its
levels above 111122223333, each policy's content and targets) played by
Organizations.  `fault`: the first page throttled, then answered 503;
`noorg`: no organization; `orgdeny`: Organizations refuses alice;
`scpoff`: the root has SCPs disabled (so none is attached), RCPs enabled;
`baddoc`: carol's inline policy a JSON string, not a document (the
snapshot copied beside OUT).
SRC is the source tree's tests/ directory; OUT the world file.
"""
import json
import os
import sys

src, out = sys.argv[1], sys.argv[2]
variant = sys.argv[3] if len(sys.argv) > 3 else ""
ACCT = "111122223333"


def key(user, n, status="Active"):
    return {"secret": "fetchsecret%s%d%s" % (user.split("/")[-1], n, "x" * 20),
            "arn": "arn:aws:iam::%s:user/%s" % (ACCT, user),
            "status": status, "create_date": "2025-0%d-01T10:00:00Z" % (n + 1)}


def org_of(path):
    """The world's organization from an --org file: the levels of ACCT."""
    with open(path) as f:
        org = json.load(f)
    levels = org["accounts"][ACCT]
    root, ous = levels[0], levels[1:-1]
    w = {"id": "o-a1b2c3d4e5", "master": "999988887777", "root": root, "ous": {},
         "accounts": {ACCT: levels[-2]}, "policies": {}}
    for i, ou in enumerate(ous):
        w["ous"][ou] = {"parent": levels[i], "name": ou}
    for target in levels:
        for kind, typ in (("scps", "SERVICE_CONTROL_POLICY"),
                          ("rcps", "RESOURCE_CONTROL_POLICY")):
            for p in org["targets"][target].get(kind, []):
                s = p["Policy"]["PolicySummary"]
                e = w["policies"].setdefault(s["Id"], {
                    "type": typ, "name": s["Name"], "targets": [],
                    "content": json.loads(p["Policy"]["Content"])})
                e["targets"].append(target)
    return w


world = {
    "seed": "check-live-fetch",
    "users": {
        "AKIAFETCHALICE000001": key("alice", 0),
        "AKIAFETCHALICE000002": key("alice", 1, "Inactive"),
        "AKIAFETCHBOB00000001": key("admins/bob", 2),
        "AKIAFETCHCAROL000001": key("carol", 3),
    },
    "accounts": [os.path.relpath(os.path.join(src, "account", "workload-%s.json" % ACCT),
                                 os.path.dirname(os.path.abspath(out)))],
    "iam_denied": ["arn:aws:iam::%s:user/carol" % ACCT],
    "org": org_of(os.path.join(src, "account", "org.json")),
}
if variant == "fault":
    world["faults"] = [
        {"service": "iam", "action": "GetAccountAuthorizationDetails", "status": 400,
         "code": "Throttling", "message": "Rate exceeded", "times": 1},
        {"service": "iam", "action": "GetAccountAuthorizationDetails", "status": 503,
         "code": "ServiceUnavailable", "message": "try again", "times": 1},
    ]
elif variant == "noorg":
    del world["org"]
elif variant == "scpoff":
    world["org"]["policies"] = {k: p for k, p in world["org"]["policies"].items()
                                if p["type"] != "SERVICE_CONTROL_POLICY"}
elif variant == "orgdeny":
    world["org"]["denied"] = ["arn:aws:iam::%s:user/alice" % ACCT]
elif variant == "baddoc":
    with open(os.path.join(src, "account", "workload-%s.json" % ACCT)) as f:
        snap = json.load(f)
    for u in snap["UserDetailList"]:
        for p in u["UserPolicyList"]:
            p["PolicyDocument"] = "no document"
    with open(out + ".snap.json", "w") as f:
        json.dump(snap, f)
    world["accounts"] = [os.path.basename(out) + ".snap.json"]
with open(out, "w") as f:
    json.dump(world, f, indent=1)

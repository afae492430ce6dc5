#!/usr/bin/env python3
"""compare-snapshot.py FETCHED ORIGINAL... [--world W] - check-live-fetch.sh's judge.

FETCHED is what `iamgate account fetch` wrote; ORIGINAL the snapshot files
the stand-in served (each an object or a JSON array of pages, documents
objects or URL-encoded strings).  They must hold the same users, groups,
roles and managed policies, each with the same documents (decoded: JSON
objects in FETCHED, never strings), groups, attachments, boundary, paths
and times, and every user the AccessKeyMetadata that the stand-in's world
W lists for it (else the original: key ID, status, user, creation time;
no secret).  Prints each difference; exit 1 when
there is one.
"""
import datetime
import json
import sys
import urllib.parse

LISTS = {"UserDetailList": "UserName", "GroupDetailList": "GroupName",
         "RoleDetailList": "RoleName", "Policies": "PolicyName"}
DOCS = ("PolicyDocument", "AssumeRolePolicyDocument", "Document")
problems = []


def pages(path):
    with open(path) as f:
        doc = json.load(f)
    return doc if isinstance(doc, list) else [doc]


def decoded(v):
    if isinstance(v, str):
        try:
            return json.loads(v)
        except ValueError:
            return json.loads(urllib.parse.unquote(v))
    return v


def when(v):
    return datetime.datetime.fromisoformat(v.replace("Z", "+00:00")) if isinstance(v, str) else v


def norm(v):
    """The original's values as the fetch must give them."""
    if isinstance(v, dict):
        return {k: (decoded(x) if k in DOCS else when(x) if k.endswith("Date") else norm(x))
                for k, x in v.items()}
    if isinstance(v, list):
        return [norm(x) for x in v]
    return v


def strings_left(v, where):
    if isinstance(v, dict):
        for k, x in v.items():
            if k in DOCS and not isinstance(x, dict):
                problems.append(f"{where}/{k} is not a JSON object")
            if "Secret" in k or k == "SessionToken":
                problems.append(f"{where}/{k}: a secret's member")
            strings_left(x, f"{where}/{k}")
    elif isinstance(v, list):
        for i, x in enumerate(v):
            strings_left(x, f"{where}/{i}")


def by_arn(entries):
    return {e["Arn"]: e for e in entries}


def world_keys(path):
    """The AccessKeyMetadata the stand-in lists, by user ARN."""
    with open(path) as f:
        users = json.load(f).get("users", {})
    keys = {}
    for akid, u in users.items():
        keys.setdefault(u["arn"], []).append({
            "UserName": u["arn"].rsplit("/", 1)[-1], "AccessKeyId": akid,
            "Status": u.get("status", "Active"), "CreateDate": u.get("create_date")})
    return keys


def main():
    args = sys.argv[1:]
    keys = None
    if "--world" in args:
        i = args.index("--world")
        keys = world_keys(args[i + 1])
        del args[i:i + 2]
    with open(args[0]) as f:
        fetched = json.load(f)
    orig = {k: [] for k in LISTS}
    for p in args[1:]:
        for page in pages(p):
            for k in LISTS:
                orig[k] += page.get(k, [])
    if sorted(fetched) != sorted(LISTS):
        problems.append(f"members {sorted(fetched)}, not {sorted(LISTS)}")
    strings_left(fetched, "")
    for k in LISTS:
        got, want = by_arn(fetched.get(k, [])), by_arn(orig[k])
        for arn in sorted(set(want) - set(got)):
            problems.append(f"{k}: {arn} is missing")
        for arn in sorted(set(got) - set(want)):
            problems.append(f"{k}: {arn} is not in the original")
        for arn in sorted(set(got) & set(want)):
            g, w = norm(got[arn]), norm(want[arn])
            if k == "UserDetailList":
                if keys is not None:
                    w["AccessKeyMetadata"] = norm(keys.get(arn, []))
                for e in (g, w):
                    e["AccessKeyMetadata"] = sorted(e.get("AccessKeyMetadata", []),
                                                    key=lambda m: m["AccessKeyId"])
            for m in sorted(set(g) | set(w)):
                if g.get(m) != w.get(m):
                    problems.append(f"{k}: {arn}: {m}: {g.get(m)!r} != {w.get(m)!r}")
    for p in problems:
        print("FAIL:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

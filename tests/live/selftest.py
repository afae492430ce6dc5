#!/usr/bin/env python3
"""The self-test of tests/live/standin.py, the loopback AWS stand-in.

It starts the stand-in on the default world (plus a fault or two) and
talks to it with botocore's own clients, so every answer must parse the
way AWS's does: STS, IAM (the GetAccountAuthorizationDetails paginator
must give back the world's snapshot), Organizations, the SSO portal; the
instance metadata and container endpoints with urllib; then direct TLS
and CONNECT proxy mode with the stand-in's throwaway CA.  Exits 0 when
all is as expected, 1 with the failures listed.
"""
import datetime
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
STANDIN = os.path.join(HERE, "standin.py")
A = "111111111111"
ALICE_KEY, ALICE_SECRET = "AKIAALICE00000000001", "alice-secret-000000000000000000000000001"
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL: " + what)
    return cond


def expect_error(fn, code, what, message=None):
    from botocore.exceptions import ClientError
    try:
        fn()
    except ClientError as e:
        got = e.response["Error"]
        ok = got.get("Code") == code and (message is None or got.get("Message") == message)
        return check(ok, "%s: wanted %s %s, got %s" % (what, code, message or "", got))
    return check(False, "%s: wanted %s, it succeeded" % (what, code))


def claims(creds):
    import base64
    body = creds["SessionToken"].rpartition(".")[0]
    return json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))


def plain(obj):
    """botocore's answer with datetimes as the snapshot writes them."""
    if isinstance(obj, dict):
        return {k: plain(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [plain(v) for v in obj]
    if isinstance(obj, datetime.datetime):
        return obj.isoformat()
    return obj


class Stand:
    def __init__(self, tmp, world, cert="cert.pem", key="key.pem", name="main"):
        self.tmp = tmp
        wpath = os.path.join(tmp, name + "-world.json")
        with open(wpath, "w") as f:
            json.dump(world, f)
        self.world_data = world
        self.world = wpath
        self.log = os.path.join(tmp, name + "-log.jsonl")
        portf = os.path.join(tmp, name + "-port")
        self.proc = subprocess.Popen(
            [sys.executable, STANDIN, "serve", "--world", wpath, "--port-file", portf,
             "--log", self.log, "--tls", os.path.join(tmp, "ca", cert),
             os.path.join(tmp, "ca", key), "--deadline", "120"])
        for _ in range(200):
            if os.path.exists(portf):
                break
            time.sleep(0.05)
        with open(portf) as f:
            self.port = int(f.read())
        self.url = "http://127.0.0.1:%d" % self.port

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()

    def entries(self):
        with open(self.log) as f:
            return [json.loads(line) for line in f]

    def mint(self, arn, expires=None, mfa=False):
        cmd = [sys.executable, STANDIN, "mint", "--world", self.world, "--arn", arn]
        if expires is not None:
            cmd += ["--expires", str(expires)]
        if mfa:
            cmd.append("--mfa")
        return json.loads(subprocess.run(cmd, check=True, capture_output=True,
                                          timeout=30).stdout)


def client(stand, svc, key=ALICE_KEY, secret=ALICE_SECRET, token=None, region="us-east-1",
           url=None, **cfg):
    import botocore.session
    from botocore.config import Config
    s = botocore.session.get_session()
    return s.create_client(svc, endpoint_url=url or stand.url, region_name=region,
                           aws_access_key_id=key, aws_secret_access_key=secret,
                           aws_session_token=token,
                           config=Config(**dict({"retries": {"mode": "standard",
                                                             "max_attempts": 4}},
                                                **cfg.pop("config", {}))), **cfg)


def session_client(stand, svc, creds, **kw):
    return client(stand, svc, creds["AccessKeyId"], creds["SecretAccessKey"],
                  creds["SessionToken"], **kw)


def test_sts(st):
    sts = client(st, "sts")
    me = sts.get_caller_identity()
    check(me["Arn"] == "arn:aws:iam::%s:user/alice" % A and me["Account"] == A
          and me["UserId"] == "AIDAALICE00000000001", "GetCallerIdentity of alice: %s" % me)
    expect_error(client(st, "sts", secret="wrong" + ALICE_SECRET[5:]).get_caller_identity,
                 "SignatureDoesNotMatch", "a bad secret")
    expect_error(client(st, "sts", key="AKIANOSUCHKEY0000000").get_caller_identity,
                 "InvalidClientTokenId", "an unknown key",
                 "The security token included in the request is invalid.")
    expect_error(client(st, "sts", key="AKIAALICEOLD00000002",
                        secret="alice-old-secret-00000000000000000000002").get_caller_identity,
                 "InvalidClientTokenId", "an inactive key")
    old = st.mint("arn:aws:sts::%s:assumed-role/hop1/s" % A, expires=int(time.time()) - 10)
    expect_error(session_client(st, "sts", old).get_caller_identity, "ExpiredToken",
                 "an expired minted session",
                 "The security token included in the request is expired")
    forged = dict(old, SessionToken=old["SessionToken"][:-2] + "00")
    expect_error(session_client(st, "sts", forged).get_caller_identity,
                 "InvalidClientTokenId", "a forged session token")
    good = st.mint("arn:aws:sts::%s:assumed-role/hop1/minted" % A)
    me = session_client(st, "sts", good).get_caller_identity()
    check(me["Arn"] == "arn:aws:sts::%s:assumed-role/hop1/minted" % A
          and me["UserId"] == "AROAHOP1000000000001:minted", "minted session: %s" % me)
    test_assume_chain(st, sts)
    test_assume_rules(st, sts)


def test_assume_chain(st, sts):
    r1 = sts.assume_role(RoleArn="arn:aws:iam::%s:role/hop1" % A, RoleSessionName="one")
    check(r1["AssumedRoleUser"]["Arn"] == "arn:aws:sts::%s:assumed-role/hop1/one" % A
          and r1["AssumedRoleUser"]["AssumedRoleId"] == "AROAHOP1000000000001:one"
          and r1["Credentials"]["AccessKeyId"].startswith("ASIA")
          and isinstance(r1["Credentials"]["Expiration"], datetime.datetime),
          "AssumeRole hop1: %s" % r1)
    s1 = session_client(st, "sts", r1["Credentials"])
    expect_error(lambda: s1.assume_role(RoleArn="arn:aws:iam::%s:role/hop2" % A,
                                        RoleSessionName="two", DurationSeconds=7200),
                 "ValidationError", "role chaining over an hour",
                 "The requested DurationSeconds exceeds the 1 hour session limit for "
                 "roles assumed by role chaining.")
    r2 = s1.assume_role(RoleArn="arn:aws:iam::%s:role/hop2" % A, RoleSessionName="two")
    s2 = session_client(st, "sts", r2["Credentials"])
    expect_error(lambda: s2.assume_role(RoleArn="arn:aws:iam::%s:role/hop1" % A,
                                        RoleSessionName="back"),
                 "AccessDenied", "hop2 is not trusted by hop1")
    r3 = s2.assume_role(RoleArn="arn:aws:iam::%s:role/hop3" % A, RoleSessionName="three")
    me = session_client(st, "sts", r3["Credentials"]).get_caller_identity()
    check(me["Arn"] == "arn:aws:sts::%s:assumed-role/hop3/three" % A, "hop3: %s" % me)
    expect_error(lambda: sts.assume_role(RoleArn="arn:aws:iam::%s:role/hop3" % A,
                                         RoleSessionName="xx"), "AccessDenied",
                 "alice straight to hop3",
                 "User: arn:aws:iam::%s:user/alice is not authorized to perform: "
                 "sts:AssumeRole on resource: arn:aws:iam::%s:role/hop3" % (A, A))


def test_assume_rules(st, sts):
    mfa_role = "arn:aws:iam::%s:role/mfa-role" % A
    serial = "arn:aws:iam::%s:mfa/alice" % A
    expect_error(lambda: sts.assume_role(RoleArn=mfa_role, RoleSessionName="mm"),
                 "AccessDenied", "MFA role without a code")
    expect_error(lambda: sts.assume_role(RoleArn=mfa_role, RoleSessionName="mm",
                                         SerialNumber=serial, TokenCode="654321"),
                 "AccessDenied", "MFA role, wrong code",
                 "MultiFactorAuthentication failed with invalid MFA one time pass code. ")
    r = sts.assume_role(RoleArn=mfa_role, RoleSessionName="mm", SerialNumber=serial,
                        TokenCode="123456")
    check(r["AssumedRoleUser"]["Arn"].endswith(":assumed-role/mfa-role/mm"), "MFA role: %s" % r)
    check(claims(r["Credentials"])["mfa"] is True, "a session made with a code has MFA")
    plain_session = sts.assume_role(RoleArn="arn:aws:iam::%s:role/hop1" % A,
                                    RoleSessionName="nomfa")["Credentials"]
    check(claims(plain_session)["mfa"] is False, "a session made without one has not")
    hop = sts.assume_role(RoleArn="arn:aws:iam::%s:role/hop1" % A, RoleSessionName="hopmfa",
                          SerialNumber=serial, TokenCode="123456")["Credentials"]
    check(claims(hop)["mfa"] is True, "a code is good for a role that does not need it")
    expect_error(lambda: sts.assume_role(RoleArn="arn:aws:iam::%s:role/hop1" % A,
                                         RoleSessionName="hopmfa", SerialNumber=serial,
                                         TokenCode="000000"), "AccessDenied",
                 "a wrong code for a role that does not need one",
                 "MultiFactorAuthentication failed with invalid MFA one time pass code. ")
    r2 = session_client(st, "sts", hop).assume_role(RoleArn="arn:aws:iam::%s:role/hop2" % A,
                                                    RoleSessionName="chain")
    check(claims(r2["Credentials"])["mfa"] is True, "MFA carries over a role chain")
    chained = session_client(st, "sts", r["Credentials"])
    expect_error(lambda: chained.assume_role(RoleArn="arn:aws:iam::%s:role/hop2" % A,
                                             RoleSessionName="mm"), "AccessDenied",
                 "mfa-role is not trusted by hop2")
    # the MFA session's own chain carries MFA: hop roles do not need it, but
    # the stand-in must say so in the next session's token
    ext = "arn:aws:iam::%s:role/ext-role" % A
    expect_error(lambda: sts.assume_role(RoleArn=ext, RoleSessionName="ee"),
                 "AccessDenied", "external id missing")
    expect_error(lambda: sts.assume_role(RoleArn=ext, RoleSessionName="ee", ExternalId="no"),
                 "AccessDenied", "external id wrong")
    r = sts.assume_role(RoleArn=ext, RoleSessionName="ee", ExternalId="ext-123")
    check(r["AssumedRoleUser"]["Arn"].endswith(":assumed-role/ext-role/ee"), "ext-role: %s" % r)
    mfa_session = st.mint("arn:aws:iam::%s:user/alice" % A, mfa=True)
    r = session_client(st, "sts", mfa_session).assume_role(RoleArn=mfa_role,
                                                           RoleSessionName="viamfa")
    check(r["AssumedRoleUser"]["Arn"].endswith("/viamfa"), "an MFA session needs no code")
    import botocore
    anon = client(st, "sts", config={"signature_version": botocore.UNSIGNED})
    w = anon.assume_role_with_web_identity(RoleArn="arn:aws:iam::%s:role/web-role" % A,
                                           RoleSessionName="gha",
                                           WebIdentityToken="gha-token-main")
    check(w["SubjectFromWebIdentityToken"] == "repo:example/app:ref:refs/heads/main"
          and w["AssumedRoleUser"]["Arn"].endswith(":assumed-role/web-role/gha")
          and w["Audience"] == "sts.amazonaws.com", "web identity: %s" % w)
    expect_error(lambda: anon.assume_role_with_web_identity(
        RoleArn="arn:aws:iam::%s:role/web-role" % A, RoleSessionName="gha",
        WebIdentityToken="forged"), "InvalidIdentityToken", "a bad web token")


def test_iam(st):
    iam = client(st, "iam")
    with open(os.path.join(HERE, "account-111111111111.json")) as f:
        snap = json.load(f)
    pages = list(iam.get_paginator("get_account_authorization_details").paginate())
    check(len(pages) > 1, "GAAD is paged by the world's page_size (%d pages)" % len(pages))
    full = plain(iam.get_paginator("get_account_authorization_details").paginate()
                 .build_full_result())
    for key in ("UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"):
        check(full.get(key) == snap[key], "GAAD %s equals the snapshot" % key)
    roles = plain(iam.get_account_authorization_details(Filter=["Role"], MaxItems=100))
    check(roles["RoleDetailList"] == snap["RoleDetailList"] and not roles["UserDetailList"]
          and not roles["Policies"] and roles["IsTruncated"] is False, "GAAD Filter=Role")
    keys = iam.list_access_keys(UserName="alice")["AccessKeyMetadata"]
    check(sorted((k["AccessKeyId"], k["Status"]) for k in keys) ==
          [("AKIAALICE00000000001", "Active"), ("AKIAALICEOLD00000002", "Inactive")],
          "ListAccessKeys alice: %s" % keys)
    check([k["AccessKeyId"] for k in iam.list_access_keys()["AccessKeyMetadata"]] ==
          ["AKIAALICE00000000001", "AKIAALICEOLD00000002"], "ListAccessKeys of the caller")
    pg = list(iam.get_paginator("list_access_keys").paginate(
        UserName="alice", PaginationConfig={"PageSize": 1}))
    check(len(pg) == 2, "ListAccessKeys pages with Marker: %d" % len(pg))
    expect_error(lambda: iam.list_access_keys(UserName="nobody"), "NoSuchEntity",
                 "keys of nobody", "The user with name nobody cannot be found.")
    expect_error(client(st, "iam", key="AKIACAROL00000000004",
                        secret="carol-secret-000000000000000000000000004")
                 .get_account_authorization_details, "AccessDenied", "iam_denied carol",
                 "User: arn:aws:iam::%s:user/carol is not authorized to perform: "
                 "iam:GetAccountAuthorizationDetails on resource: *" % A)
    test_iam_reads(iam, snap)


def test_iam_reads(iam, snap):
    roles = {r["RoleName"]: r for r in snap["RoleDetailList"]}
    deploy = plain(iam.get_role(RoleName="deploy")["Role"])
    check(deploy["AssumeRolePolicyDocument"] == roles["deploy"]["AssumeRolePolicyDocument"]
          and deploy["PermissionsBoundary"]["PermissionsBoundaryArn"] ==
          "arn:aws:iam::%s:policy/deploy-boundary" % A, "GetRole deploy: %s" % deploy)
    check(iam.list_role_policies(RoleName="deploy")["PolicyNames"] == ["deploy-inline"],
          "ListRolePolicies deploy")
    rp = iam.get_role_policy(RoleName="deploy", PolicyName="deploy-inline")
    check(rp["PolicyDocument"] == roles["deploy"]["RolePolicyList"][0]["PolicyDocument"],
          "GetRolePolicy document")
    att = iam.list_attached_role_policies(RoleName="deploy")["AttachedPolicies"]
    check(att == roles["deploy"]["AttachedManagedPolicies"], "ListAttachedRolePolicies")
    pol = plain(iam.get_policy(PolicyArn="arn:aws:iam::%s:policy/deploy-boundary" % A))
    check(pol["Policy"]["DefaultVersionId"] == "v2" and pol["Policy"]["IsAttachable"] is True,
          "GetPolicy: %s" % pol)
    ver = iam.get_policy_version(PolicyArn="arn:aws:iam::%s:policy/deploy-boundary" % A,
                                 VersionId="v2")["PolicyVersion"]
    check(ver["Document"] == snap["Policies"][2]["PolicyVersionList"][0]["Document"]
          and ver["IsDefaultVersion"] is True, "GetPolicyVersion")
    check(iam.get_user()["User"]["UserName"] == "alice", "GetUser of the caller")
    check([g["GroupName"] for g in iam.list_groups_for_user(UserName="alice")["Groups"]]
          == ["devs"], "ListGroupsForUser")
    g = iam.get_group(GroupName="devs")
    check([u["UserName"] for u in g["Users"]] == ["alice"], "GetGroup users")
    check(iam.list_group_policies(GroupName="devs")["PolicyNames"] == ["devs-read"]
          and iam.get_group_policy(GroupName="devs", PolicyName="devs-read")["PolicyDocument"]
          == snap["GroupDetailList"][0]["GroupPolicyList"][0]["PolicyDocument"]
          and iam.list_attached_group_policies(GroupName="devs")["AttachedPolicies"][0]
          ["PolicyName"] == "devs-assume", "the group's policies")
    check(iam.list_user_policies(UserName="alice")["PolicyNames"] == ["alice-self"]
          and iam.get_user_policy(UserName="alice", PolicyName="alice-self")["UserName"]
          == "alice" and iam.list_attached_user_policies(UserName="alice")
          ["AttachedPolicies"] == [], "the user's policies")
    expect_error(lambda: iam.get_role(RoleName="nope"), "NoSuchEntity", "GetRole nope",
                 "The role with name nope cannot be found.")
    expect_error(lambda: iam.get_role_policy(RoleName="deploy", PolicyName="nope"),
                 "NoSuchEntity", "GetRolePolicy nope")
    expect_error(lambda: iam.get_policy(PolicyArn="arn:aws:iam::aws:policy/Nope"),
                 "NoSuchEntity", "GetPolicy nope")
    expect_error(lambda: iam.get_policy(PolicyArn="arn:aws:iam::222222222222:policy/x"),
                 "AccessDenied", "another account's policy")


def raw(st, data):
    import socket
    with socket.create_connection(("127.0.0.1", st.port), timeout=10) as s:
        s.sendall(data)
        s.shutdown(socket.SHUT_WR)
        out = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                return out
            out += chunk


def test_hostile(st):
    raw(st, b"\x00\xff garbage\r\n\r\n")
    raw(st, b"\x16\x03\x01 not a handshake")
    raw(st, b"POST / HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n")
    raw(st, b"POST / HTTP/1.1\r\nContent-Length: -5\r\n\r\nAction=x")
    raw(st, b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
    out = raw(st, b"POST / HTTP/1.1\r\nHost: sts.amazonaws.com\r\nAuthorization: "
              b"AWS4-HMAC-SHA256 Credential=broken\r\nContent-Length: 22\r\n"
              b"Connection: close\r\n\r\nAction=GetCallerIdentity")
    check(b" 400 " in out.split(b"\r\n")[0] and b"IncompleteSignature" in out,
          "a malformed Authorization header: %r" % out[:200])
    out = raw(st, b"POST / HTTP/1.1\r\nHost: sts.amazonaws.com\r\nContent-Length: 62"
              b"\r\nConnection: close\r\n\r\nAction=AssumeRoleWithWebIdentity&"
              b"DurationSeconds=abc&Version=1")
    check(b"InvalidIdentityToken" in out or b"ValidationError" in out,
          "an unsigned call with rubbish: %r" % out[:200])
    check(client(st, "sts").get_caller_identity()["Account"] == A,
          "the stand-in serves on after rubbish")


def test_org(st):
    org = client(st, "organizations")
    o = org.describe_organization()["Organization"]
    check(o["Id"] == "o-ab12cd34ef" and o["MasterAccountId"] == "999999999999",
          "DescribeOrganization: %s" % o)
    roots = org.list_roots()["Roots"]
    check([r["Id"] for r in roots] == ["r-ab12"], "ListRoots (after a retried fault)")
    check(org.list_parents(ChildId=A)["Parents"] ==
          [{"Id": "ou-ab12-workload", "Type": "ORGANIZATIONAL_UNIT"}], "ListParents account")
    check(org.list_parents(ChildId="ou-ab12-workload")["Parents"] ==
          [{"Id": "r-ab12", "Type": "ROOT"}], "ListParents OU")
    at_root = org.list_policies_for_target(TargetId="r-ab12", Filter="SERVICE_CONTROL_POLICY")
    check([p["Name"] for p in at_root["Policies"]] == ["FullAWSAccess"]
          and at_root["Policies"][0]["AwsManaged"] is True, "SCPs at the root: %s" % at_root)
    at_ou = org.list_policies_for_target(TargetId="ou-ab12-workload",
                                         Filter="SERVICE_CONTROL_POLICY")["Policies"]
    check([p["Id"] for p in at_ou] == ["p-FullAWSAccess", "p-denyleave"], "SCPs at the OU: %s" % at_ou)
    check(org.list_policies_for_target(TargetId="ou-ab12-workload",
                                       Filter="RESOURCE_CONTROL_POLICY")["Policies"] == [],
          "no RCPs at the OU")
    pol = org.describe_policy(PolicyId="p-denyleave")["Policy"]
    check(json.loads(pol["Content"])["Statement"][0]["Action"] ==
          "organizations:LeaveOrganization" and pol["PolicySummary"]["Type"] ==
          "SERVICE_CONTROL_POLICY", "DescribePolicy: %s" % pol)
    pages = list(org.get_paginator("list_parents").paginate(
        ChildId=A, PaginationConfig={"PageSize": 1}))
    check(len(pages) == 1, "one parent, one page")
    expect_error(lambda: org.describe_policy(PolicyId="p-nope"), "PolicyNotFoundException",
                 "DescribePolicy p-nope")
    expect_error(lambda: org.list_parents(ChildId="222222222222"), "ChildNotFoundException",
                 "ListParents of a stranger")
    carol = client(st, "organizations", key="AKIACAROL00000000004",
                   secret="carol-secret-000000000000000000000000004")
    expect_error(carol.describe_organization, "AccessDeniedException", "org denied carol")
    outsider = st.mint("arn:aws:sts::444444444444:assumed-role/x/y")
    expect_error(session_client(st, "organizations", outsider).describe_organization,
                 "AWSOrganizationsNotInUseException", "an account outside the organization")


def test_sso(st):
    import botocore
    sso = client(st, "sso", region="eu-west-1",
                 config={"signature_version": botocore.UNSIGNED})
    c = sso.get_role_credentials(roleName="Admin", accountId="111122223333",
                                 accessToken="sso-token-alice")["roleCredentials"]
    check(c["accessKeyId"].startswith("ASIA") and c["expiration"] > time.time() * 1000,
          "GetRoleCredentials: %s" % c)
    me = client(st, "sts", c["accessKeyId"], c["secretAccessKey"],
                c["sessionToken"]).get_caller_identity()
    check(me["Arn"] == "arn:aws:sts::111122223333:assumed-role/"
          "AWSReservedSSO_Admin_0123456789abcdef/alice", "the SSO session: %s" % me)
    expect_error(lambda: sso.get_role_credentials(roleName="Admin", accountId="111122223333",
                                                  accessToken="nope"),
                 "UnauthorizedException", "an unknown SSO token",
                 "Session token not found or invalid")
    expect_error(lambda: sso.get_role_credentials(roleName="ReadOnly",
                                                  accountId="111122223333",
                                                  accessToken="sso-token-alice"),
                 "ForbiddenException", "a role not granted")


def http(st, method, path, headers=None, base=None):
    req = urllib.request.Request((base or st.url) + path, method=method,
                                 headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def test_imds_ecs(st):
    base = "/latest/meta-data/iam/security-credentials/"
    check(http(st, "GET", base)[0] == 401, "IMDS without a token is 401")
    code, tok = http(st, "PUT", "/latest/api/token",
                     {"X-aws-ec2-metadata-token-ttl-seconds": "60"})
    check(code == 200 and tok, "IMDSv2 token")
    h = {"X-aws-ec2-metadata-token": tok}
    check(http(st, "GET", base, h) == (200, "imds-role"), "IMDS role name")
    code, body = http(st, "GET", base + "imds-role", h)
    c = json.loads(body) if code == 200 else {}
    check(c.get("Code") == "Success" and c.get("Type") == "AWS-HMAC", "IMDS creds: %s" % body)
    me = client(st, "sts", c.get("AccessKeyId"), c.get("SecretAccessKey"),
                c.get("Token")).get_caller_identity()
    check(me["Arn"] == "arn:aws:sts::%s:assumed-role/imds-role/i-0123456789abcdef0" % A,
          "the instance's session: %s" % me)
    check(http(st, "GET", base + "imds-role", {"X-aws-ec2-metadata-token": "x"})[0] == 401,
          "IMDS with a bad token is 401")
    path = "/v2/credentials/task-0001"
    check(http(st, "GET", path)[0] == 401, "ECS without its token is 401")
    code, body = http(st, "GET", path, {"Authorization": "ecs-auth-token"})
    c = json.loads(body) if code == 200 else {}
    check(c.get("RoleArn") == "arn:aws:iam::%s:role/ecs-role" % A, "ECS creds: %s" % body)
    me = client(st, "sts", c.get("AccessKeyId"), c.get("SecretAccessKey"),
                c.get("Token")).get_caller_identity()
    check(":assumed-role/ecs-role/" in me["Arn"], "the task's session: %s" % me)


def test_tls(st):
    ca = os.path.join(st.tmp, "ca", "ca.pem")
    url = "https://127.0.0.1:%d" % st.port
    me = client(st, "sts", url=url, verify=ca).get_caller_identity()
    check(me["Account"] == A, "STS over direct TLS")
    keys = client(st, "iam", url="https://localhost:%d" % st.port,
                  verify=ca).list_access_keys()["AccessKeyMetadata"]
    check(len(keys) == 2, "IAM over direct TLS")
    from botocore.exceptions import SSLError
    bad = Stand(st.tmp, st.world_data, "bad-cert.pem", "bad-key.pem", "bad")
    try:
        client(bad, "sts", url="https://127.0.0.1:%d" % bad.port, verify=ca,
               config={"retries": {"max_attempts": 1}}).get_caller_identity()
        check(False, "a certificate not from the CA is refused")
    except SSLError:
        pass
    finally:
        bad.stop()
    check(all(e["transport"] != "tls" or e["status"] != 200 for e in bad.entries()),
          "no request got through the bad certificate")
    proxy = {"proxies": {"https": "http://127.0.0.1:%d" % st.port}}
    me = client(st, "sts", url="https://sts.us-east-1.amazonaws.com", verify=ca,
                config=proxy).get_caller_identity()
    check(me["Account"] == A, "STS through CONNECT")
    o = client(st, "organizations", url="https://organizations.us-east-1.amazonaws.com",
               verify=ca, config=proxy).describe_organization()
    check(o["Organization"]["Id"] == "o-ab12cd34ef", "Organizations through CONNECT")
    r = client(st, "iam", url="https://iam.amazonaws.com", verify=ca,
               config=proxy).get_role(RoleName="hop1")
    check(r["Role"]["RoleName"] == "hop1", "IAM through CONNECT")


def test_limits(st):
    """--max-requests and --deadline stop the server; the port file is there
    only once it listens."""
    for name, extra, calls in (("max", ["--max-requests", "2"], 2),
                               ("deadline", ["--deadline", "1"], 0)):
        d = os.path.join(st.tmp, name)
        os.mkdir(d)
        portf = os.path.join(d, "port")
        p = subprocess.Popen([sys.executable, STANDIN, "serve", "--world", st.world,
                              "--port-file", portf, "--log", os.path.join(d, "log")]
                             + (extra if name == "deadline" else extra + ["--deadline",
                                                                          "60"]))
        try:
            for _ in range(200):
                if os.path.exists(portf) or p.poll() is not None:
                    break
                time.sleep(0.05)
            with open(portf) as f:
                base = "http://127.0.0.1:%d" % int(f.read())
            for _ in range(calls):
                http(st, "PUT", "/latest/api/token",
                     {"X-aws-ec2-metadata-token-ttl-seconds": "5"}, base=base)
            p.wait(8)
            check(p.returncode == 0, "%s: the server stopped by itself" % name)
        except subprocess.TimeoutExpired:
            check(False, "%s: the server did not stop" % name)
        finally:
            if p.poll() is None:
                p.kill()
                p.wait()


def main():
    try:
        import botocore.session  # noqa: F401
    except ImportError:
        print("SKIP: no botocore")
        return 77
    started = time.time()
    for v in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY",
              "all_proxy", "AWS_CA_BUNDLE", "REQUESTS_CA_BUNDLE"):
        os.environ.pop(v, None)
    os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.1,localhost"
    with open(os.path.join(HERE, "world.json")) as f:
        world = json.load(f)
    world["accounts"] = [os.path.join(HERE, p) for p in world["accounts"]]
    world["faults"] = [{"service": "sts", "action": "GetCallerIdentity", "status": 503,
                        "code": "ServiceUnavailable", "times": 2},
                       {"service": "iam", "action": "GetUser", "status": 400,
                        "code": "Throttling", "message": "Rate exceeded", "times": 1},
                       {"service": "organizations", "action": "ListRoots", "status": 400,
                        "code": "TooManyRequestsException", "times": 1}]
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, STANDIN, "mkca", os.path.join(tmp, "ca")],
                       check=True, timeout=60)
        st = Stand(tmp, world)
        try:
            for t in TESTS:
                t0 = time.time()
                try:
                    t(st)
                    print("%s: %.1f s" % (t.__name__, time.time() - t0))
                except Exception as e:   # a crash of one part is its failure
                    import traceback
                    traceback.print_exc()
                    check(False, "%s raised %r" % (t.__name__, e))
            test_log(st)
        finally:
            st.stop()
        check(st.proc.returncode == 0, "SIGTERM stops the server cleanly (%s)"
              % st.proc.returncode)
    print("%d failures, %.1f s" % (len(failures), time.time() - started))
    return 1 if failures else 0


def test_log(st):
    log = st.entries()
    gci = [e for e in log if e["action"] == "GetCallerIdentity"]
    check(gci[0]["status"] == 503 and gci[1]["status"] == 503 and gci[2]["status"] == 200,
          "the GetCallerIdentity fault failed twice, then botocore's retry succeeded")
    check(any(e["signature"] == "bad" and e["code"] == "SignatureDoesNotMatch" for e in log),
          "the log records a bad signature")
    check([e["transport"] for e in log if e["transport"] != "http"].count("proxy") == 3
          and any(e["transport"] == "tls" for e in log), "the log tells the transports apart")
    check([e["status"] for e in log if e["action"] == "ListRoots"] == [400, 200]
          and [e["status"] for e in log if e["action"] == "GetUser"][:2] == [400, 200],
          "the JSON and IAM faults were retried")
    check(all(set(e) >= {"transport", "method", "path", "host", "service", "action",
                         "params", "signed_by", "signature", "session_token", "principal",
                         "status", "code"} for e in log), "every log line has every field")


TESTS = [test_sts, test_iam, test_org, test_sso, test_imds_ecs, test_tls,
         test_hostile, test_limits]

if __name__ == "__main__":
    sys.exit(main())

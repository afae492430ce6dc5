#!/usr/bin/env python3
"""A loopback stand-in for AWS, for iamgate's live tests.

One server on 127.0.0.1 answers STS, IAM, Organizations, the IAM Identity
Center (SSO) portal, the EC2 instance metadata service (IMDSv2) and the ECS
container credentials endpoint out of a made-up "world" file.  It never
connects anywhere.  Each connection is sniffed: plain HTTP, direct TLS
(first byte 0x16, with --tls) or an HTTP proxy's CONNECT (answered 200, then
TLS with the --tls certificate, then the inner requests are served).

Usage:
  standin.py serve --world W.json --port-file F --log L.jsonl
                   [--tls CERT KEY] [--max-requests N] [--deadline S]
  standin.py mkca DIR     (DIR/ca.pem cert.pem key.pem bad-cert.pem bad-key.pem)
  standin.py mint --world W.json --arn ARN [--expires EPOCH] [--mfa]

Every signed request has its SigV4 signature recomputed with botocore's own
signer; temporary credentials are stateless (the session token carries the
principal, HMAC-sealed with the world's seed), so `mint` can make keys the
server accepts without talking to it.

The world file (JSON object; every key optional except where said):
  "seed": "string"            HMAC key for session tokens and their secrets
  "users": {"AKIA...": {"secret": "...", "arn": "arn:aws:iam::A:user/N",
            "status": "Active"|"Inactive", "create_date": "ISO"}}
                              static access keys (ListAccessKeys lists them)
  "roles": {"arn:aws:iam::A:role/R": {
            "trusts": ["caller ARN" | "role ARN" (its sessions match) |
                       "account id" | "*"],
            "mfa": {"serial": "arn:aws:iam::A:mfa/N", "codes": ["123456"]},
                   (MFA required; the serial's codes are good for any role)
            "external_id": "x"}}   who may sts:AssumeRole which role
  "web_tokens": {"TOKEN": {"sub": "...", "roles": ["role ARN"],
                 "aud": "...", "provider": "..."}}
                              AssumeRoleWithWebIdentity's tokens
  "accounts": ["file.json"]   `aws iam get-account-authorization-details`
                              output (documents decoded), paths relative to
                              the world file; the account is the one in
                              the ARNs.  Served by the IAM actions.
  "page_size": 100            GetAccountAuthorizationDetails' default MaxItems
  "iam_denied": ["ARN"]       callers (or roles, for their sessions) IAM refuses
  "org": {"id": "o-...", "master": "A", "root": "r-ab12",
          "ous": {"ou-ab12-x": {"parent": "r-ab12", "name": "..."}},
          "accounts": {"A": "ou-ab12-x" | "r-ab12"},
          "policies": {"p-1": {"type": "SERVICE_CONTROL_POLICY"|
                               "RESOURCE_CONTROL_POLICY", "name": "...",
                               "targets": ["r-ab12"], "content": {...}}},
          "denied": ["caller ARN"]}
  "sso": {"tokens": {"TOKEN": {"user": "alice",
                               "accounts": {"A": ["RoleName"]}}}}
  "imds": {"role": "name", "arn": "arn:aws:iam::A:role/name"}
  "ecs": {"path": "/v2/credentials/x", "token": "optional", "arn": "role ARN"}
  "faults": [{"service": "sts"|"iam"|"organizations"|"sso"|"imds"|"ecs",
              "action": "GetCallerIdentity" (optional), "status": 503,
              "code": "ServiceUnavailable", "message": "...", "times": 2}]
                              the first `times` matching requests fail so
                              (the action of an IMDS request is its path,
                              of the ECS one GetCredentials, of the SSO
                              portal's GetRoleCredentials)

The log (--log) gets one JSON line per request: transport, method, path,
host, service, action, params, signed_by, signature (ok|bad|none),
session_token, principal, status, code.
"""
import argparse
import base64
import hashlib
import hmac
import json
import os
import secrets
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from datetime import datetime, timezone

STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/"
IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/"
ORG_PREFIX = "AWSOrganizationsV20161128."
B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
SIG_MISMATCH = ("The request signature we calculated does not match the signature "
                "you provided. Check your AWS Secret Access Key and signing method. "
                "Consult the service documentation for details.")


class Fail(Exception):
    """An AWS error answer: HTTP status, error code, message."""

    def __init__(self, status, code, message, headers=None):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.headers = headers or {}


# ---------------------------------------------------------------- credentials

def _b64u(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64u(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def secret_for(seed, akid):
    mac = hmac.new(seed.encode(), ("secret:" + akid).encode(), hashlib.sha256).digest()
    return base64.b64encode(mac).decode()[:40]


def mint(seed, arn, exp, mfa=False):
    """Temporary credentials for arn, valid until exp (epoch seconds)."""
    akid = "ASIA" + "".join(secrets.choice(B32) for _ in range(16))
    body = _b64u(json.dumps({"arn": arn, "mfa": bool(mfa), "exp": int(exp),
                             "akid": akid}, separators=(",", ":")).encode())
    mac = hmac.new(seed.encode(), body.encode(), hashlib.sha256).hexdigest()
    return {"AccessKeyId": akid, "SecretAccessKey": secret_for(seed, akid),
            "SessionToken": body + "." + mac, "Expiration": iso(exp)}


def read_token(seed, token):
    """The session token's claims, or None when it is not one of ours."""
    body, _, mac = (token or "").rpartition(".")
    want = hmac.new(seed.encode(), body.encode(), hashlib.sha256).hexdigest()
    if not body or not hmac.compare_digest(want, mac):
        return None
    try:
        return json.loads(_unb64u(body))
    except ValueError:
        return None


def iso(epoch):
    return datetime.fromtimestamp(int(epoch), timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def arn_account(arn):
    parts = (arn or "").split(":")
    return parts[4] if len(parts) > 5 else ""


def session_arn(role_arn, session):
    """arn:P:iam::A:role/path/N -> arn:P:sts::A:assumed-role/N/S"""
    parts = role_arn.split(":", 5)
    name = parts[5].rsplit("/", 1)[-1] if len(parts) == 6 else "unknown"
    part = parts[1] if len(parts) == 6 else "aws"
    return "arn:%s:sts::%s:assumed-role/%s/%s" % (part, arn_account(role_arn), name, session)


def duration_of(p):
    try:
        return int(p.get("DurationSeconds") or 3600)
    except ValueError:
        raise Fail(400, "ValidationError", "1 validation error detected: Value at "
                   "'durationSeconds' failed to satisfy constraint: Member must be a number")


def fake_id(prefix, text):
    digest = hashlib.sha256(text.encode()).digest()
    return prefix + "".join(B32[b % 32] for b in digest[:17])


# ---------------------------------------------------------------- the world

class World:
    def __init__(self, path):
        with open(path) as f:
            self.w = json.load(f)
        self.seed = self.w.get("seed", "iamgate-standin")
        self.users = self.w.get("users", {})
        self.roles = self.w.get("roles", {})
        self.iam = {}             # account id -> {"users": [...], ...}
        base = os.path.dirname(os.path.abspath(path))
        for rel in self.w.get("accounts", []):
            with open(os.path.join(base, rel)) as f:
                snap = json.load(f)
            acct = self._snapshot_account(snap)
            self.iam[acct] = {"users": snap.get("UserDetailList", []),
                              "groups": snap.get("GroupDetailList", []),
                              "roles": snap.get("RoleDetailList", []),
                              "policies": snap.get("Policies", [])}
        self.faults = [dict(f, left=f.get("times", 1)) for f in self.w.get("faults", [])]

    @staticmethod
    def _snapshot_account(snap):
        for key in ("UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"):
            for item in snap.get(key, []):
                a = arn_account(item.get("Arn", ""))
                if a and a != "aws":
                    return a
        return ""

    def role_of_session(self, arn):
        """The role ARN an assumed-role session ARN belongs to (or None)."""
        parts = arn.split(":", 5)
        if len(parts) != 6 or not parts[5].startswith("assumed-role/"):
            return None
        name = parts[5].split("/")[1]
        acct = parts[4]
        for r in list(self.roles) + [x["Arn"] for x in self.iam.get(acct, {}).get("roles", [])]:
            if arn_account(r) == acct and r.rsplit("/", 1)[-1] == name:
                return r
        return "arn:%s:iam::%s:role/%s" % (parts[1], acct, name)

    def mfa_devices(self):
        """MFA serial -> the codes it takes (from the roles' "mfa")."""
        out = {}
        for r in self.roles.values():
            if r.get("mfa"):
                out.setdefault(r["mfa"].get("serial"), []).extend(r["mfa"].get("codes", []))
        return out

    def role_id(self, role_arn):
        for r in self.iam.get(arn_account(role_arn), {}).get("roles", []):
            if r.get("Arn") == role_arn and r.get("RoleId"):
                return r["RoleId"]
        return fake_id("AROA", role_arn)

    def user_id(self, arn):
        for u in self.iam.get(arn_account(arn), {}).get("users", []):
            if u.get("Arn") == arn and u.get("UserId"):
                return u["UserId"]
        return fake_id("AIDA", arn)

    def fault(self, service, action):
        for f in self.faults:
            if f.get("service") == service and f.get("action", action) == action \
                    and f["left"] > 0:
                f["left"] -= 1
                return f
        return None


# ---------------------------------------------------------------- botocore

_models = {}


def model(service):
    if service not in _models:
        import botocore.session
        _models[service] = botocore.session.get_session().get_service_model(service)
    return _models[service]


def check_signature(req, secret, token):
    """Recompute the SigV4 signature with botocore's signer: True/False."""
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
    a = req.auth
    headers = {k: req.headers[k] for k in a["signed"] if k in req.headers}
    r = AWSRequest(method=req.method, url="%s://%s%s" % (
        "http" if req.transport == "http" else "https", req.headers.get("host", ""),
        req.target), headers=headers, data=req.body)
    r.context["timestamp"] = req.headers.get("x-amz-date", "")
    signer = SigV4Auth(Credentials(a["akid"], secret, token), a["service"], a["region"])
    sig = signer.signature(signer.string_to_sign(r, signer.canonical_request(r)), r)
    return hmac.compare_digest(sig, a["signature"])


def _xml(s):
    return str(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_xml(shape, value, name):
    """value (a dict shaped like botocore's parsed output) as the query
    protocol's XML for shape; members the model does not know are left out,
    documents (dicts in a string shape) are URL-encoded compact JSON."""
    t = shape.type_name
    if t == "structure":
        inner = "".join(to_xml(ms, value[k], ms.serialization.get("name", k))
                        for k, ms in shape.members.items()
                        if k in value and value[k] is not None)
    elif t == "list":
        m = shape.member
        if shape.serialization.get("flattened"):
            return "".join(to_xml(m, v, name) for v in value)
        inner = "".join(to_xml(m, v, m.serialization.get("name", "member")) for v in value)
    elif t == "map":
        kn = shape.key.serialization.get("name", "key")
        vn = shape.value.serialization.get("name", "value")
        inner = "".join("<entry>%s%s</entry>" % (to_xml(shape.key, k, kn),
                                                 to_xml(shape.value, v, vn))
                        for k, v in value.items())
    elif t == "boolean":
        inner = "true" if value else "false"
    elif t == "timestamp":
        inner = iso(value) if isinstance(value, (int, float)) else _xml(value)
    elif isinstance(value, (dict, list)):
        inner = urllib.parse.quote(json.dumps(value, separators=(",", ":")))
    else:
        inner = _xml(value)
    return "<%s>%s</%s>" % (name, inner, name)


def query_answer(service, ns, action, result):
    op = model(service).operation_model(action)
    shape = op.output_shape
    inner = ""
    if shape is not None:
        wrapper = shape.serialization.get("resultWrapper", action + "Result")
        inner = to_xml(shape, result, wrapper)
    return ("<%sResponse xmlns=\"%s\">%s<ResponseMetadata><RequestId>%s</RequestId>"
            "</ResponseMetadata></%sResponse>" % (action, ns, inner, uuid.uuid4(), action))


def query_error(ns, f):
    typ = "Receiver" if f.status >= 500 else "Sender"
    return ("<ErrorResponse xmlns=\"%s\"><Error><Type>%s</Type><Code>%s</Code>"
            "<Message>%s</Message></Error><RequestId>%s</RequestId></ErrorResponse>"
            % (ns, typ, _xml(f.code), _xml(f.message), uuid.uuid4()))


# ---------------------------------------------------------------- requests

class Request:
    def __init__(self, transport, method, target, headers, body):
        self.transport, self.method, self.target = transport, method, target
        self.headers, self.body = headers, body
        self.path, _, self.query = target.partition("?")
        self.params = {k: v[0] for k, v in urllib.parse.parse_qs(
            self.query, keep_blank_values=True).items()}
        self.json = None
        ctype = headers.get("content-type", "")
        if "x-amz-json" in ctype or headers.get("x-amz-target"):
            try:
                self.json = json.loads(body or b"{}")
            except ValueError:
                self.json = {}
        elif body:
            self.params.update({k: v[0] for k, v in urllib.parse.parse_qs(
                body.decode("utf-8", "replace"), keep_blank_values=True).items()})
        self.auth = parse_auth(headers.get("authorization", ""))
        self.service = self.action = None
        self.principal = None
        self.mfa = False
        self.signature = "none"


def parse_auth(value):
    if not value.startswith("AWS4-HMAC-SHA256 "):
        return None
    try:
        fields = dict(f.strip().split("=", 1)
                      for f in value[len("AWS4-HMAC-SHA256 "):].split(","))
        akid, date, region, service, term = fields["Credential"].split("/")
        return {"akid": akid, "region": region, "service": service,
                "signed": fields["SignedHeaders"].split(";"),
                "signature": fields["Signature"]}
    except (KeyError, ValueError):
        return {"akid": None, "malformed": True}


def read_head(f):
    lines = []
    while True:
        line = f.readline(65536)
        if not line:
            return None if not lines else lines
        if line in (b"\r\n", b"\n"):
            if lines:
                return lines
            continue
        lines.append(line.decode("latin-1").rstrip("\r\n"))
        if len(lines) > 200:
            raise ValueError("too many header lines")


def read_body(f, headers):
    if "chunked" in headers.get("transfer-encoding", "").lower():
        out = b""
        while True:
            size = int(f.readline(1024).split(b";")[0].strip() or b"0", 16)
            if size == 0:
                read_head(f)
                return out
            out += f.read(size)
            f.readline(1024)
            if size < 0 or len(out) > 16 << 20:
                raise ValueError("bad chunked body")
    n = int(headers.get("content-length", "0") or "0")
    if n < 0 or n > 16 << 20:
        raise ValueError("body too large")
    return f.read(n)


# ---------------------------------------------------------------- the server

class Server:
    def __init__(self, world, log_path, tls=None, max_requests=2000, deadline=300):
        self.world = world
        self.lock = threading.Lock()
        self.log = open(log_path, "a")
        self.ctx = None
        if tls:
            self.ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            self.ctx.load_cert_chain(tls[0], tls[1])
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.settimeout(0.5)
        self.port = self.sock.getsockname()[1]
        self.max_requests = max_requests
        self.deadline = time.time() + deadline
        self.count = 0
        self.stopping = False
        self.imds_tokens = {}     # token -> expiry
        self.threads = []

    def serve(self):
        while not self.stopping and time.time() < self.deadline:
            try:
                conn, _ = self.sock.accept()
            except socket.timeout:
                continue
            except OSError:
                break
            conn.settimeout(10)
            t = threading.Thread(target=self._connection, args=(conn,), daemon=True)
            t.start()
            self.threads = [x for x in self.threads if x.is_alive()] + [t]
        self.sock.close()
        end = time.time() + 2       # let the last answers go out
        for t in self.threads:
            t.join(max(0.0, end - time.time()))

    def _connection(self, conn):
        try:
            first = conn.recv(1, socket.MSG_PEEK)
            if not first:
                return
            if first == b"\x16":
                if self.ctx is None:
                    return
                tls = self.ctx.wrap_socket(conn, server_side=True)
                tls.settimeout(10)
                self._requests(tls, "tls")
                return
            f = conn.makefile("rb")
            head = read_head(f)
            if head and head[0].upper().startswith("CONNECT "):
                if self.ctx is None:
                    conn.sendall(b"HTTP/1.1 501 Not Implemented\r\nContent-Length: 0\r\n\r\n")
                    return
                conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
                tls = self.ctx.wrap_socket(conn, server_side=True)
                tls.settimeout(10)
                self._requests(tls, "proxy")
                return
            self._requests(conn, "http", f, head)
        except (OSError, ssl.SSLError, ValueError):
            pass
        finally:
            try:
                conn.close()
            except OSError:
                pass

    def _requests(self, sock, transport, f=None, head=None):
        f = f or sock.makefile("rb")
        while not self.stopping:
            if head is None:
                head = read_head(f)
            if not head:
                return
            keep = self._one(sock, f, transport, head)
            head = None
            if not keep:
                return

    def _one(self, sock, f, transport, head):
        method, target, _ = (head[0].split(" ", 2) + ["", ""])[:3]
        headers = {}
        for h in head[1:]:
            k, _, v = h.partition(":")
            k = k.strip().lower()
            headers[k] = headers[k] + "," + v.strip() if k in headers else v.strip()
        body = read_body(f, headers)
        if target.startswith("http://") or target.startswith("https://"):
            split = urllib.parse.urlsplit(target)   # a plain proxy's absolute URI
            target = split.path + ("?" + split.query if split.query else "")
        req = Request(transport, method, target or "/", headers, body)
        with self.lock:
            self.count += 1
            if self.count >= self.max_requests:
                self.stopping = True
        status, ctype, data, extra = self._answer(req)
        code = extra.pop("_code", None)
        self._log(req, status, code)
        lines = ["HTTP/1.1 %d %s" % (status, "OK" if status < 400 else "Error"),
                 "Content-Type: " + ctype, "Content-Length: %d" % len(data),
                 "x-amzn-RequestId: %s" % uuid.uuid4()]
        lines += ["%s: %s" % kv for kv in extra.items()]
        close = headers.get("connection", "").lower() == "close" or self.stopping
        if close:
            lines.append("Connection: close")
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + data)
        return not close

    def _log(self, req, status, code):
        entry = {"transport": req.transport, "method": req.method, "path": req.path,
                 "host": req.headers.get("host"), "service": req.service,
                 "action": req.action,
                 "params": req.json if req.json is not None else req.params,
                 "signed_by": (req.auth or {}).get("akid"), "signature": req.signature,
                 "session_token": "x-amz-security-token" in req.headers,
                 "principal": req.principal, "status": status, "code": code}
        with self.lock:
            self.log.write(json.dumps(entry) + "\n")
            self.log.flush()

    # ------------------------------------------------------------ dispatch

    def classify(self, req):
        ecs = self.world.w.get("ecs", {})
        if req.path.startswith("/latest/"):
            return "imds", req.path
        if req.path == "/federation/credentials":
            return "sso", "GetRoleCredentials"
        if ecs.get("path") and req.path == ecs["path"]:
            return "ecs", "GetCredentials"
        target = req.headers.get("x-amz-target", "")
        if target.startswith(ORG_PREFIX):
            return "organizations", target[len(ORG_PREFIX):]
        if req.auth and req.auth.get("service"):
            return req.auth["service"], req.params.get("Action")
        host = req.headers.get("host", "")
        svc = "iam" if host.startswith("iam.") else "sts"
        return svc, req.params.get("Action")

    def _answer(self, req):
        req.service, req.action = self.classify(req)
        json_svc = req.service in ("organizations", "sso", "imds", "ecs")
        try:
            with self.lock:
                f = self.world.fault(req.service, req.action)
            if f:
                raise Fail(f.get("status", 503), f.get("code", "ServiceUnavailable"),
                           f.get("message", "Service is unavailable"))
            handler = getattr(self, "do_" + req.service, None)
            if handler is None:
                raise Fail(400, "UnknownService", "no such service here: %s" % req.service)
            return handler(req)
        except Exception as e:      # the stand-in's own fault: say so, keep serving
            if not isinstance(e, Fail):
                e = Fail(500, "InternalFailure", "stand-in error: %r" % e)
            extra = dict(e.headers, _code=e.code)
            if json_svc:
                if req.service == "sso":
                    extra.setdefault("x-amzn-ErrorType", e.code)
                    return e.status, "application/json", json.dumps(
                        {"message": e.message}).encode(), extra
                return e.status, "application/x-amz-json-1.1", json.dumps(
                    {"__type": e.code, "Message": e.message}).encode(), extra
            ns = IAM_NS if req.service == "iam" else STS_NS
            return e.status, "text/xml", query_error(ns, e).encode(), extra

    def authenticate(self, req):
        """Set req.principal from the signature; Fail when it is not good."""
        a = req.auth
        if a is None:
            raise Fail(403, "MissingAuthenticationToken", "Request is missing Authentication Token")
        if a.get("malformed"):
            raise Fail(400, "IncompleteSignature", "Authorization header is malformed")
        akid = a["akid"]
        token = req.headers.get("x-amz-security-token")
        w = self.world
        if akid in w.users:
            u = w.users[akid]
            if u.get("status", "Active") != "Active":
                req.signature = "bad"
                raise Fail(403, "InvalidClientTokenId",
                           "The security token included in the request is invalid.")
            secret, arn, mfa = u["secret"], u["arn"], False
        else:
            claims = read_token(w.seed, token) if akid.startswith("ASIA") else None
            if not claims or claims.get("akid") != akid:
                raise Fail(403, "InvalidClientTokenId",
                           "The security token included in the request is invalid.")
            if claims["exp"] < time.time():
                raise Fail(403, "ExpiredToken",
                           "The security token included in the request is expired")
            secret, arn, mfa = secret_for(w.seed, akid), claims["arn"], claims.get("mfa")
        try:
            good = check_signature(req, secret, token)
        except Exception:      # a request the signer cannot read
            good = False
        req.signature = "ok" if good else "bad"
        if not good:
            raise Fail(403, "SignatureDoesNotMatch", SIG_MISMATCH)
        req.principal, req.mfa = arn, bool(mfa)

    # ------------------------------------------------------------ STS

    def do_sts(self, req):
        action = req.action
        if action == "AssumeRoleWithWebIdentity":
            result = self.sts_web_identity(req.params)
        else:
            self.authenticate(req)
            if action == "GetCallerIdentity":
                result = self.caller_identity(req.principal)
            elif action == "AssumeRole":
                result = self.sts_assume_role(req, req.params)
            else:
                raise Fail(400, "InvalidAction",
                           "Could not find operation %s for version 2011-06-15" % action)
        return 200, "text/xml", query_answer("sts", STS_NS, action, result).encode(), {}

    def caller_identity(self, arn):
        if ":assumed-role/" in arn:
            role = self.world.role_of_session(arn)
            uid = "%s:%s" % (self.world.role_id(role), arn.rsplit("/", 1)[-1])
        else:
            uid = self.world.user_id(arn)
        return {"Arn": arn, "UserId": uid, "Account": arn_account(arn)}

    def trusted(self, role, caller):
        caller_role = self.world.role_of_session(caller)
        for t in role.get("trusts", []):
            if t in ("*", caller, caller_role) or t == arn_account(caller):
                return True
        return False

    def sts_assume_role(self, req, p):
        role_arn, caller = p.get("RoleArn", ""), req.principal
        denied = Fail(403, "AccessDenied", "User: %s is not authorized to perform: "
                      "sts:AssumeRole on resource: %s" % (caller, role_arn))
        role = self.world.roles.get(role_arn)
        if role is None or not self.trusted(role, caller):
            raise denied
        if "external_id" in role and p.get("ExternalId") != role["external_id"]:
            raise denied
        mfa = req.mfa
        serial, code = p.get("SerialNumber"), p.get("TokenCode")
        if serial or code:
            if not (serial and code):
                raise denied
            if code not in self.world.mfa_devices().get(serial, []):
                raise Fail(403, "AccessDenied", "MultiFactorAuthentication failed with "
                           "invalid MFA one time pass code. ")
            mfa = True
        if role.get("mfa") and not mfa:
            raise denied
        duration = duration_of(p)
        if ":assumed-role/" in caller and duration > 3600:
            raise Fail(400, "ValidationError", "The requested DurationSeconds exceeds the "
                       "1 hour session limit for roles assumed by role chaining.")
        if duration < 900 or duration > 43200:
            raise Fail(400, "ValidationError", "1 validation error detected: Value '%d' at "
                       "'durationSeconds' failed to satisfy constraint" % duration)
        return self.role_session(role_arn, p.get("RoleSessionName", ""), duration, mfa)

    def role_session(self, role_arn, session, duration, mfa):
        arn = session_arn(role_arn, session)
        creds = mint(self.world.seed, arn, time.time() + duration, mfa)
        return {"Credentials": creds, "AssumedRoleUser": {
            "AssumedRoleId": "%s:%s" % (self.world.role_id(role_arn), session), "Arn": arn}}

    def sts_web_identity(self, p):
        tok = self.world.w.get("web_tokens", {}).get(p.get("WebIdentityToken", ""))
        if tok is None:
            raise Fail(400, "InvalidIdentityToken",
                       "The ID Token provided is not a valid JWT. (You may see this error "
                       "if you sent an Access Token)")
        role_arn = p.get("RoleArn", "")
        if role_arn not in tok.get("roles", []):
            raise Fail(403, "AccessDenied",
                       "Not authorized to perform sts:AssumeRoleWithWebIdentity")
        duration = duration_of(p)
        result = self.role_session(role_arn, p.get("RoleSessionName", ""), duration, False)
        result.update({"SubjectFromWebIdentityToken": tok.get("sub", ""),
                       "Provider": tok.get("provider", "token.actions.githubusercontent.com"),
                       "Audience": tok.get("aud", "sts.amazonaws.com")})
        return result

    # ------------------------------------------------------------ IAM

    def do_iam(self, req):
        self.authenticate(req)
        action, p = req.action, req.params
        handler = getattr(self, "iam_" + (action or ""), None)
        if handler is None:
            raise Fail(400, "InvalidAction",
                       "Could not find operation %s for version 2010-05-08" % action)
        acct = arn_account(req.principal)
        data = self.world.iam.get(acct, {"users": [], "groups": [], "roles": [],
                                         "policies": []})
        caller = req.principal
        denied = self.world.w.get("iam_denied", [])
        other = arn_account(p.get("PolicyArn", "")) not in ("", "aws", acct)
        if other or caller in denied or self.world.role_of_session(caller) in denied:
            raise Fail(403, "AccessDenied", "User: %s is not authorized to perform: "
                       "iam:%s on resource: %s" % (caller, action,
                                                   self.iam_resource(acct, p, caller)))
        result = handler(IamView(acct, data, p, caller, self.world))
        return 200, "text/xml", query_answer("iam", IAM_NS, action, result).encode(), {}

    @staticmethod
    def iam_resource(acct, p, caller):
        for key, kind in (("UserName", "user"), ("RoleName", "role"), ("GroupName", "group")):
            if p.get(key):
                return "arn:aws:iam::%s:%s/%s" % (acct, kind, p[key])
        return p.get("PolicyArn") or "*"

    def iam_GetAccountAuthorizationDetails(self, v):
        kinds = [val for key, val in v.p.items() if key.startswith("Filter.member.")]
        entries = []
        for key, filt in (("users", "User"), ("groups", "Group"), ("roles", "Role")):
            if not kinds or filt in kinds:
                entries += [(key, x) for x in v.data[key]]
        for pol in v.data["policies"]:
            filt = "AWSManagedPolicy" if ":aws:policy/" in pol.get("Arn", "") \
                else "LocalManagedPolicy"
            if not kinds or filt in kinds:
                entries.append(("policies", pol))
        page, more = v.page(entries, self.world.w.get("page_size", 100))
        out = {"UserDetailList": [], "GroupDetailList": [], "RoleDetailList": [],
               "Policies": []}
        names = {"users": "UserDetailList", "groups": "GroupDetailList",
                 "roles": "RoleDetailList", "policies": "Policies"}
        for key, item in page:
            out[names[key]].append(item)
        out.update(more)
        return out

    def iam_ListAccessKeys(self, v):
        name = v.p.get("UserName") or v.caller_user()
        user = v.find("users", "UserName", name, required=False)
        keys = [{"UserName": name, "AccessKeyId": k, "Status": u.get("status", "Active"),
                 "CreateDate": u.get("create_date", "2025-01-01T00:00:00Z")}
                for k, u in sorted(self.world.users.items())
                if arn_account(u.get("arn", "")) == v.acct
                and u.get("arn", "").rsplit("/", 1)[-1] == name]
        if user is None and not keys:
            raise v.missing("user", name)
        page, more = v.page(keys, 100)
        return dict(more, AccessKeyMetadata=page)

    def iam_GetUser(self, v):
        return {"User": v.find("users", "UserName", v.p.get("UserName") or v.caller_user())}

    def iam_GetRole(self, v):
        return {"Role": v.find("roles", "RoleName", v.p.get("RoleName"))}

    def iam_GetGroup(self, v):
        g = v.find("groups", "GroupName", v.p.get("GroupName"))
        users = [u for u in v.data["users"] if g["GroupName"] in u.get("GroupList", [])]
        page, more = v.page(users, 100)
        return dict(more, Group=g, Users=page)

    def iam_ListGroupsForUser(self, v):
        u = v.find("users", "UserName", v.p.get("UserName"))
        groups = [g for g in v.data["groups"] if g["GroupName"] in u.get("GroupList", [])]
        page, more = v.page(groups, 100)
        return dict(more, Groups=page)

    def iam_GetPolicy(self, v):
        return {"Policy": v.find("policies", "Arn", v.p.get("PolicyArn"))}

    def iam_GetPolicyVersion(self, v):
        pol = v.find("policies", "Arn", v.p.get("PolicyArn"))
        for ver in pol.get("PolicyVersionList", []):
            if ver.get("VersionId") == v.p.get("VersionId"):
                return {"PolicyVersion": ver}
        raise Fail(404, "NoSuchEntity", "Policy %s version %s does not exist or is not "
                   "attachable." % (v.p.get("PolicyArn"), v.p.get("VersionId")))

    # ------------------------------------------------------------ Organizations

    def do_organizations(self, req):
        self.authenticate(req)
        org = self.world.w.get("org")
        caller = req.principal
        if org is None or arn_account(caller) not in org.get("accounts", {}) \
                and arn_account(caller) != org.get("master"):
            raise Fail(400, "AWSOrganizationsNotInUseException",
                       "Your account is not a member of an organization.")
        denied = org.get("denied", [])
        if caller in denied or self.world.role_of_session(caller) in denied:
            raise Fail(400, "AccessDeniedException",
                       "You don't have permissions to access this resource.")
        handler = getattr(self, "org_" + (req.action or ""), None)
        if handler is None:
            raise Fail(400, "InvalidInputException", "unknown operation %s" % req.action)
        result = handler(OrgView(org, req.json or {}))
        return 200, "application/x-amz-json-1.1", json.dumps(result).encode(), {}

    def org_DescribeOrganization(self, v):
        master = v.org.get("master", "")
        return {"Organization": {
            "Id": v.id, "Arn": "arn:aws:organizations::%s:organization/%s" % (master, v.id),
            "FeatureSet": "ALL", "MasterAccountId": master,
            "MasterAccountArn": "arn:aws:organizations::%s:account/%s/%s"
                                % (master, v.id, master),
            "MasterAccountEmail": "aws-root@example.com",
            "AvailablePolicyTypes": [{"Type": "SERVICE_CONTROL_POLICY", "Status": "ENABLED"}]}}

    def org_ListRoots(self, v):
        root = v.org.get("root", "r-0000")
        types = sorted({p.get("type", "SERVICE_CONTROL_POLICY")
                        for p in v.org.get("policies", {}).values()})
        return v.page("Roots", [{
            "Id": root, "Name": "Root", "Arn": "arn:aws:organizations::%s:root/%s/%s"
            % (v.org.get("master", ""), v.id, root),
            "PolicyTypes": [{"Type": t, "Status": "ENABLED"} for t in types]}])

    def org_ListParents(self, v):
        child = v.a.get("ChildId", "")
        if child in v.org.get("accounts", {}):
            parent = v.org["accounts"][child]
        elif child in v.org.get("ous", {}):
            parent = v.org["ous"][child].get("parent", v.org.get("root"))
        else:
            raise Fail(400, "ChildNotFoundException",
                       "We can't find an organizational unit (OU) or account with the "
                       "ChildId that you specified.")
        kind = "ROOT" if parent == v.org.get("root") else "ORGANIZATIONAL_UNIT"
        return v.page("Parents", [{"Id": parent, "Type": kind}])

    def org_ListPoliciesForTarget(self, v):
        target, filt = v.a.get("TargetId", ""), v.a.get("Filter", "")
        if target != v.org.get("root") and target not in v.org.get("ous", {}) \
                and target not in v.org.get("accounts", {}):
            raise Fail(400, "TargetNotFoundException",
                       "We can't find a root, OU, account, or policy with the TargetId "
                       "that you specified.")
        return v.page("Policies", [v.summary(pid) for pid, p in
                                   sorted(v.org.get("policies", {}).items())
                                   if target in p.get("targets", [])
                                   and p.get("type", "SERVICE_CONTROL_POLICY") == filt])

    def org_DescribePolicy(self, v):
        pid = v.a.get("PolicyId", "")
        if pid not in v.org.get("policies", {}):
            raise Fail(400, "PolicyNotFoundException",
                       "We can't find a policy with the PolicyId that you specified.")
        content = v.org["policies"][pid].get("content", {})
        return {"Policy": {"PolicySummary": v.summary(pid),
                           "Content": content if isinstance(content, str)
                           else json.dumps(content)}}

    # ------------------------------------------------------------ credential endpoints

    def do_sso(self, req):
        tokens = self.world.w.get("sso", {}).get("tokens", {})
        t = tokens.get(req.headers.get("x-amz-sso_bearer_token", ""))
        if t is None:
            raise Fail(401, "UnauthorizedException", "Session token not found or invalid")
        acct, role = req.params.get("account_id", ""), req.params.get("role_name", "")
        req.principal = "arn:aws:sts::%s:assumed-role/AWSReservedSSO_%s_0123456789abcdef/%s" \
            % (acct, role, t.get("user", "user"))
        if role not in t.get("accounts", {}).get(acct, []):
            raise Fail(403, "ForbiddenException", "No access")
        exp = int(time.time()) + 3600
        c = mint(self.world.seed, req.principal, exp)
        body = {"roleCredentials": {"accessKeyId": c["AccessKeyId"],
                                    "secretAccessKey": c["SecretAccessKey"],
                                    "sessionToken": c["SessionToken"],
                                    "expiration": exp * 1000}}
        return 200, "application/json", json.dumps(body).encode(), {}

    def do_imds(self, req):
        im = self.world.w.get("imds", {})
        now = time.time()
        if req.path == "/latest/api/token":
            if req.method != "PUT":
                raise Fail(405, "MethodNotAllowed", "Method Not Allowed")
            try:
                ttl = int(req.headers.get("x-aws-ec2-metadata-token-ttl-seconds", ""))
            except ValueError:
                raise Fail(400, "BadRequest", "Bad Request")
            if ttl < 1 or ttl > 21600:
                raise Fail(400, "BadRequest", "Bad Request")
            tok = _b64u(os.urandom(24))
            with self.lock:
                self.imds_tokens[tok] = now + ttl
            return 200, "text/plain", tok.encode(), {
                "X-aws-ec2-metadata-token-ttl-seconds": str(ttl)}
        tok = req.headers.get("x-aws-ec2-metadata-token", "")
        with self.lock:
            good = self.imds_tokens.get(tok, 0) > now
        if not good:
            raise Fail(401, "Unauthorized", "Unauthorized")
        base = "/latest/meta-data/iam/security-credentials/"
        if req.path == base and im.get("role"):
            return 200, "text/plain", im["role"].encode(), {}
        if req.path == base + im.get("role", "\0"):
            req.principal = session_arn(im["arn"], "i-0123456789abcdef0")
            c = mint(self.world.seed, req.principal, now + 3600)
            body = {"Code": "Success", "LastUpdated": iso(now), "Type": "AWS-HMAC",
                    "AccessKeyId": c["AccessKeyId"], "SecretAccessKey": c["SecretAccessKey"],
                    "Token": c["SessionToken"], "Expiration": c["Expiration"]}
            return 200, "text/plain", json.dumps(body, indent=2).encode(), {}
        raise Fail(404, "NotFound", "Not Found")

    def do_ecs(self, req):
        ecs = self.world.w.get("ecs", {})
        if ecs.get("token") and req.headers.get("authorization") != ecs["token"]:
            raise Fail(401, "Unauthorized", "Unauthorized")
        req.principal = session_arn(ecs["arn"], "0123456789abcdef0123456789abcdef")
        c = mint(self.world.seed, req.principal, time.time() + 3600)
        body = {"AccessKeyId": c["AccessKeyId"], "SecretAccessKey": c["SecretAccessKey"],
                "Token": c["SessionToken"], "Expiration": c["Expiration"],
                "RoleArn": ecs["arn"]}
        return 200, "application/json", json.dumps(body).encode(), {}


def _inline_ops():
    """ListXPolicies / GetXPolicy / ListAttachedXPolicies for users, groups, roles."""
    for kind, key, inline in (("user", "users", "UserPolicyList"),
                              ("group", "groups", "GroupPolicyList"),
                              ("role", "roles", "RolePolicyList")):
        cap = kind.capitalize()
        name_key = cap + "Name"

        def lst(self, v, key=key, inline=inline, name_key=name_key):
            e = v.find(key, name_key, v.p.get(name_key))
            page, more = v.page([x["PolicyName"] for x in e.get(inline, [])], 100)
            return dict(more, PolicyNames=page)

        def get(self, v, key=key, inline=inline, name_key=name_key, kind=kind):
            e = v.find(key, name_key, v.p.get(name_key))
            for x in e.get(inline, []):
                if x["PolicyName"] == v.p.get("PolicyName"):
                    return {name_key: e[name_key], "PolicyName": x["PolicyName"],
                            "PolicyDocument": x["PolicyDocument"]}
            raise Fail(404, "NoSuchEntity", "The %s policy with name %s cannot be found."
                       % (kind, v.p.get("PolicyName")))

        def att(self, v, key=key, name_key=name_key):
            e = v.find(key, name_key, v.p.get(name_key))
            page, more = v.page(e.get("AttachedManagedPolicies", []), 100)
            return dict(more, AttachedPolicies=page)

        setattr(Server, "iam_List%sPolicies" % cap, lst)
        setattr(Server, "iam_Get%sPolicy" % cap, get)
        setattr(Server, "iam_ListAttached%sPolicies" % cap, att)


_inline_ops()


class IamView:
    """One IAM call's view of the caller's account."""

    def __init__(self, acct, data, params, caller, world):
        self.acct, self.data, self.p, self.caller, self.world = \
            acct, data, params, caller, world

    def caller_user(self):
        if ":user/" not in self.caller:
            raise Fail(400, "ValidationError", "Must specify userName when calling with "
                       "non-User credentials")
        return self.caller.rsplit("/", 1)[-1]

    def missing(self, kind, name):
        if kind == "policy":
            return Fail(404, "NoSuchEntity",
                        "Policy %s does not exist or is not attachable." % name)
        return Fail(404, "NoSuchEntity", "The %s with name %s cannot be found." % (kind, name))

    def find(self, key, field, value, required=True):
        for x in self.data[key]:
            if x.get(field) == value:
                return x
        if not required:
            return None
        raise self.missing({"users": "user", "groups": "group", "roles": "role",
                            "policies": "policy"}[key], value)

    def page(self, items, default):
        """(this page, {"IsTruncated", "Marker"}) after Marker, MaxItems long."""
        try:
            start = int(_unb64u(self.p["Marker"]).decode().split(":")[1]) \
                if self.p.get("Marker") else 0
            size = int(self.p.get("MaxItems") or default)
        except (ValueError, IndexError):
            raise Fail(400, "ValidationError", "Invalid Marker or MaxItems")
        if size < 1 or size > 1000:
            raise Fail(400, "ValidationError", "1 validation error detected: Value '%d' at "
                       "'maxItems' failed to satisfy constraint" % size)
        page = items[start:start + size]
        more = {"IsTruncated": start + size < len(items)}
        if more["IsTruncated"]:
            more["Marker"] = _b64u(("offset:%d" % (start + size)).encode())
        return page, more


class OrgView:
    """One Organizations call: the world's organization and the call's input."""

    def __init__(self, org, args):
        self.org, self.a = org, args
        self.id = org.get("id", "o-exampleorgid")

    def summary(self, pid):
        p = self.org["policies"][pid]
        return {"Id": pid, "Arn": "arn:aws:organizations::%s:policy/%s/%s/%s" % (
                    self.org.get("master", ""), self.id,
                    p.get("type", "SERVICE_CONTROL_POLICY").lower(), pid),
                "Name": p.get("name", pid), "Description": p.get("description", ""),
                "Type": p.get("type", "SERVICE_CONTROL_POLICY"),
                "AwsManaged": bool(p.get("aws_managed", False))}

    def page(self, key, items):
        try:
            start = int(_unb64u(self.a["NextToken"]).decode().split(":")[1]) \
                if self.a.get("NextToken") else 0
            size = int(self.a.get("MaxResults") or 20)
        except (ValueError, IndexError, TypeError):
            raise Fail(400, "InvalidInputException", "You provided an invalid value for "
                       "the NextToken or MaxResults parameter.")
        out = {key: items[start:start + size]}
        if start + size < len(items):
            out["NextToken"] = _b64u(("offset:%d" % (start + size)).encode())
        return out


# ---------------------------------------------------------------- commands

SANS = ["IP:127.0.0.1", "DNS:localhost", "DNS:*.amazonaws.com", "DNS:sts.amazonaws.com",
        "DNS:*.sts.amazonaws.com", "DNS:sts.us-east-1.amazonaws.com",
        "DNS:sts.eu-west-1.amazonaws.com", "DNS:iam.amazonaws.com",
        "DNS:organizations.us-east-1.amazonaws.com",
        "DNS:portal.sso.eu-west-1.amazonaws.com", "DNS:portal.sso.us-east-1.amazonaws.com"]


def _openssl(*args):
    subprocess.run(("openssl",) + args, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.PIPE, timeout=60)


def cmd_mkca(d):
    os.makedirs(d, exist_ok=True)
    j = lambda n: os.path.join(d, n)  # noqa: E731
    ec = ("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes")
    _openssl("req", "-x509", *ec, "-keyout", j("ca-key.pem"), "-out", j("ca.pem"),
             "-days", "2", "-subj", "/CN=iamgate test CA",
             "-addext", "basicConstraints=critical,CA:TRUE",
             "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    _openssl("req", "-new", *ec, "-keyout", j("key.pem"), "-out", j("server.csr"),
             "-subj", "/CN=localhost")
    with open(j("san.ext"), "w") as f:
        f.write("subjectAltName=%s\nbasicConstraints=CA:FALSE\n"
                "keyUsage=digitalSignature,keyEncipherment\n"
                "extendedKeyUsage=serverAuth\n" % ",".join(SANS))
    _openssl("x509", "-req", "-in", j("server.csr"), "-CA", j("ca.pem"),
             "-CAkey", j("ca-key.pem"), "-CAcreateserial", "-out", j("cert.pem"),
             "-days", "2", "-extfile", j("san.ext"))
    _openssl("req", "-x509", *ec, "-keyout", j("bad-key.pem"), "-out", j("bad-cert.pem"),
             "-days", "2", "-subj", "/CN=localhost",
             "-addext", "subjectAltName=" + ",".join(SANS))
    return 0


def cmd_mint(args):
    world = World(args.world)
    exp = args.expires if args.expires is not None else time.time() + 3600
    print(json.dumps(mint(world.seed, args.arn, exp, args.mfa)))
    return 0


def cmd_serve(args):
    server = Server(World(args.world), args.log, args.tls, args.max_requests, args.deadline)

    def stop(signum, frame):
        server.stopping = True
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % server.port)
    os.rename(tmp, args.port_file)
    server.serve()
    return 0


def main(argv):
    ap = argparse.ArgumentParser(description="a loopback AWS stand-in for live tests")
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("serve")
    s.add_argument("--world", required=True)
    s.add_argument("--port-file", required=True)
    s.add_argument("--log", required=True)
    s.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    s.add_argument("--max-requests", type=int, default=2000)
    s.add_argument("--deadline", type=float, default=300)
    m = sub.add_parser("mkca")
    m.add_argument("dir")
    t = sub.add_parser("mint")
    t.add_argument("--world", required=True)
    t.add_argument("--arn", required=True)
    t.add_argument("--expires", type=float)
    t.add_argument("--mfa", action="store_true")
    args = ap.parse_args(argv)
    if args.cmd == "serve":
        return cmd_serve(args)
    if args.cmd == "mkca":
        return cmd_mkca(args.dir)
    return cmd_mint(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""A loopback STS stand-in for the differential test of `iamgate profile`.

It is an HTTPS proxy on 127.0.0.1 that answers every CONNECT itself: it
terminates TLS with a certificate of the test's own throwaway CA and reads
the AWS CLI's STS calls (AssumeRole, AssumeRoleWithWebIdentity,
GetCallerIdentity), records their parameters and who signed them (the
signature recomputed with botocore's SigV4Auth), and
answers with made-up credentials.  It never connects anywhere.  It stops
after max_requests requests or when stop() is called, and every socket has
a timeout.
"""
import json
import socket
import ssl
import threading
import time
import urllib.parse
from datetime import datetime, timedelta, timezone

NS = "https://sts.amazonaws.com/doc/2011-06-15/"


def _role_session_arn(role_arn, session):
    # arn:P:iam::A:role/path/N -> arn:P:sts::A:assumed-role/N/S
    parts = role_arn.split(":", 5)
    if len(parts) == 6 and parts[0] == "arn" and parts[2] == "iam" \
            and parts[5].startswith("role/"):
        name = parts[5].rsplit("/", 1)[-1]
        return "arn:%s:sts::%s:assumed-role/%s/%s" % (parts[1], parts[4], name, session)
    return "arn:aws:sts::000000000000:assumed-role/unparsable/%s" % session


class StandIn:
    def __init__(self, certfile, keyfile, max_requests=1000, deadline=240):
        self.ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.ctx.load_cert_chain(certfile, keyfile)
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.5)
        self.port = self.sock.getsockname()[1]
        self.log = []
        self.lock = threading.Lock()
        self.max_requests = max_requests
        self.deadline = time.time() + deadline
        self.issued = {}          # access key id -> principal ARN
        self.secrets = {}         # access key id -> secret key (the files', the issued)
        self.counter = 0
        self.stopping = False
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def start(self):
        self.thread.start()

    def stop(self):
        self.stopping = True
        self.thread.join(5)
        self.sock.close()

    def _serve(self):
        while not self.stopping and time.time() < self.deadline:
            try:
                conn, _ = self.sock.accept()
            except socket.timeout:
                continue
            except OSError:
                break
            with self.lock:
                if len(self.log) >= self.max_requests:
                    conn.close()
                    continue
            conn.settimeout(10)
            threading.Thread(target=self._client, args=(conn,), daemon=True).start()

    @staticmethod
    def _read_head(f):
        lines = []
        while True:
            line = f.readline(65536)
            if not line or line in (b"\r\n", b"\n"):
                return lines
            lines.append(line.decode("latin-1").rstrip("\r\n"))

    def _client(self, conn):
        try:
            raw = conn.makefile("rb")
            head = self._read_head(raw)
            if not head or not head[0].startswith("CONNECT "):
                conn.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
                with self.lock:
                    self.log.append({"refused": head[0] if head else ""})
                return
            target = head[0].split()[1]
            conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            tls = self.ctx.wrap_socket(conn, server_side=True)
            tls.settimeout(10)
            f = tls.makefile("rb")
            while self._request(tls, f, target):
                pass
            tls.close()
        except (OSError, ssl.SSLError, ValueError):
            pass
        finally:
            conn.close()

    def _request(self, tls, f, target):
        head = self._read_head(f)
        if not head:
            return False
        headers = {}
        for h in head[1:]:
            k, _, v = h.partition(":")
            headers[k.strip().lower()] = v.strip()
        body = f.read(int(headers.get("content-length", "0")))
        params = {k: v[0] for k, v in urllib.parse.parse_qs(
            body.decode("utf-8"), keep_blank_values=True).items()}
        auth = headers.get("authorization", "")
        akid = auth.split("Credential=", 1)[1].split("/", 1)[0] if "Credential=" in auth else None
        entry = {"target": target, "host": headers.get("host"), "params": params,
                 "signedBy": akid, "userAgent": headers.get("user-agent", ""),
                 "signatureOk": self._verify_safely(head[0], headers, body, akid)}
        status, xml = self._answer(params, akid, entry)
        with self.lock:
            self.log.append(entry)
        data = xml.encode()
        tls.sendall(b"HTTP/1.1 %d OK\r\nContent-Type: text/xml\r\nContent-Length: %d\r\n"
                    b"x-amzn-RequestId: 00000000-0000-0000-0000-000000000000\r\n\r\n"
                    % (status, len(data)) + data)
        return headers.get("connection", "").lower() != "close"

    def _verify_safely(self, request_line, headers, body, akid):
        try:
            return self._verify(request_line, headers, body, akid)
        except Exception as e:  # a request the signer cannot read: not verified
            return "error: %s" % e

    def _verify(self, request_line, headers, body, akid):
        """Recompute the SigV4 signature with botocore's own signer, from the
        secret of the key that signed: True, False, or None (unknown key or
        unsigned, as AssumeRoleWithWebIdentity is)."""
        with self.lock:
            secret = self.secrets.get(akid)
        auth = headers.get("authorization", "")
        if secret is None or not auth.startswith("AWS4-HMAC-SHA256 "):
            return None
        import awscli.botocore.session  # noqa: F401 (first: it names itself botocore)
        from awscli.botocore.auth import SigV4Auth
        from awscli.botocore.awsrequest import AWSRequest
        from awscli.botocore.credentials import Credentials
        fields = dict(f.strip().split("=", 1) for f in auth[len("AWS4-HMAC-SHA256 "):].split(","))
        _, _, region, service, _ = fields["Credential"].split("/")
        signed = fields["SignedHeaders"].split(";")
        method, path = request_line.split()[0:2]
        req = AWSRequest(method=method, url="https://%s%s" % (headers["host"], path), data=body,
                         headers={k: headers[k] for k in signed if k in headers})
        req.context["timestamp"] = headers.get("x-amz-date", "")
        signer = SigV4Auth(Credentials(akid, secret, headers.get("x-amz-security-token")),
                           service, region)
        canonical = signer.canonical_request(req)
        return signer.signature(signer.string_to_sign(req, canonical), req) == fields["Signature"]

    def _creds(self, arn):
        with self.lock:
            self.counter += 1
            akid = "ASIASTANDIN%09d" % self.counter
            self.issued[akid] = arn
            self.secrets[akid] = "standin-secret"
        exp = (datetime.now(timezone.utc) + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
        return akid, ("<Credentials><AccessKeyId>%s</AccessKeyId>"
                      "<SecretAccessKey>standin-secret</SecretAccessKey>"
                      "<SessionToken>standin-token</SessionToken>"
                      "<Expiration>%s</Expiration></Credentials>" % (akid, exp))

    def _answer(self, p, akid, entry):
        action = p.get("Action")
        if action in ("AssumeRole", "AssumeRoleWithWebIdentity"):
            arn = _role_session_arn(p.get("RoleArn", ""), p.get("RoleSessionName", ""))
            key, creds = self._creds(arn)
            entry["issued"] = key
            return 200, ("<%sResponse xmlns=\"%s\"><%sResult>%s<AssumedRoleUser>"
                         "<Arn>%s</Arn><AssumedRoleId>AROASTANDIN:%s</AssumedRoleId>"
                         "</AssumedRoleUser></%sResult><ResponseMetadata><RequestId>"
                         "00000000-0000-0000-0000-000000000000</RequestId>"
                         "</ResponseMetadata></%sResponse>"
                         % (action, NS, action, creds, _xml(arn), _xml(p.get("RoleSessionName", "")),
                            action, action))
        if action == "GetCallerIdentity":
            with self.lock:
                arn = self.issued.get(akid, "arn:aws:iam::000000000000:user/static-%s" % akid)
            entry["callerArn"] = arn
            return 200, ("<GetCallerIdentityResponse xmlns=\"%s\"><GetCallerIdentityResult>"
                         "<Arn>%s</Arn><UserId>AIDASTANDIN</UserId><Account>000000000000"
                         "</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>"
                         "00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata>"
                         "</GetCallerIdentityResponse>" % (NS, _xml(arn)))
        return 400, ("<ErrorResponse xmlns=\"%s\"><Error><Type>Sender</Type><Code>"
                     "InvalidAction</Code><Message>not in the stand-in</Message></Error>"
                     "</ErrorResponse>" % NS)

    def entries(self, marker):
        with self.lock:
            return [e for e in self.log if marker in e.get("userAgent", "")]


def _xml(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


if __name__ == "__main__":
    print(json.dumps({"usage": "imported by differential.py"}))
